using Microsoft.Azure.Functions.Worker;
using Serverless.Domain.Ingestion;

namespace Serverless.Functions.Ingestion;

/// <summary>
/// On the schedule in app setting RecoverSchedule (default every 10 minutes), ingests uploads left without an outcome
/// for more than 5 minutes (poisoned during an outage, or uploaded while nothing ran), so none stays pending.
/// </summary>
public sealed class RecoverPendingUploads
{
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(5);
    private readonly PendingUploadRecovery _recovery;

    public RecoverPendingUploads(PendingUploadRecovery recovery)
    {
        _recovery = recovery;
    }

    [Function(nameof(RecoverPendingUploads))]
    public Task Run([TimerTrigger("%RecoverSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        _recovery.RecoverAsync(Grace, cancellationToken);
}
