using Microsoft.Azure.Functions.Worker;
using Serverless.Domain.Ingestion;

namespace Serverless.Functions.Withdrawals;

/// <summary>
/// On the schedule in app setting ReconcileSchedule (every minute locally, hourly in Azure), retracts what deleted
/// uploads carried when no BlobDeleted event did: the local host's polling listener never sees deletes, and in Azure
/// this is the backstop for a lost event or an interrupted retraction. Each run walks a bounded part of the container
/// (Ingestion__ReconcilePagesPerRun pages) and the next resumes where it stopped.
/// </summary>
public sealed class ReconcileDeletedUploads
{
    private readonly UploadReconciler _reconciler;

    public ReconcileDeletedUploads(UploadReconciler reconciler)
    {
        _reconciler = reconciler;
    }

    [Function(nameof(ReconcileDeletedUploads))]
    public Task Run([TimerTrigger("%ReconcileSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        _reconciler.ReconcileAsync(cancellationToken);
}
