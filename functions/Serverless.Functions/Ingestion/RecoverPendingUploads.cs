using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Serverless.Domain.Ingestion;

namespace Serverless.Functions.Ingestion;

/// <summary>
/// On the schedule in app setting RecoverSchedule (default every 10 minutes), ingests uploads left without an outcome
/// for longer than Ingestion__RecoverAfterSeconds (poisoned during an outage, uploaded while nothing ran, or missed by
/// a polling blob listener), so none stays pending. Each run walks a bounded part of the container
/// (Ingestion__RecoverPagesPerRun pages) and the next resumes where it stopped.
/// </summary>
public sealed class RecoverPendingUploads
{
    private readonly PendingUploadRecovery _recovery;
    private readonly TimeSpan _grace;

    public RecoverPendingUploads(PendingUploadRecovery recovery, IOptions<IngestionOptions> options)
    {
        _recovery = recovery;
        _grace = TimeSpan.FromSeconds(options.Value.RecoverAfterSeconds);
    }

    [Function(nameof(RecoverPendingUploads))]
    public Task Run([TimerTrigger("%RecoverSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        _recovery.RecoverAsync(_grace, cancellationToken);
}
