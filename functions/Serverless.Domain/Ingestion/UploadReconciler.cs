using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Domain.Withdrawals;

namespace Serverless.Domain.Ingestion;

/// <summary>
/// The reconcile timer's work: finds uploads that were deleted without a BlobDeleted event reaching the app (always
/// under the local host's polling listener; in Azure an event lost or not yet delivered) and retracts what they
/// carried, through the same <see cref="BlobRetractions"/> the event handler uses. It walks the container in bounded,
/// resumable runs (<see cref="UploadWalk"/>, cursor "deletions"): a status in a page's stretch of names whose blob is
/// not listed, and that does not read retracted or deleted yet, is a deletion to handle. A retraction that storage
/// interrupted left its status unchanged, so the next pass finishes it.
/// </summary>
public sealed partial class UploadReconciler
{
    /// <summary>The reconcile walk's cursor.</summary>
    public const string Walk = "deletions";
    private readonly UploadWalk _walk;
    private readonly BlobRetractions _retractions;
    private readonly IngestionOptions _options;
    private readonly ILogger<UploadReconciler> _logger;

    public UploadReconciler(UploadWalk walk, BlobRetractions retractions, IOptions<IngestionOptions> options, ILogger<UploadReconciler> logger)
    {
        _walk = walk;
        _retractions = retractions;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Handles the deletions in this run's pages; returns how many uploads it found deleted.</summary>
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken)
    {
        var deleted = 0;
        var retracted = 0;
        await _walk.WalkAsync(Walk, _options.ReconcilePagesPerRun, _options.RecoverPageSize, async (page, ct) =>
        {
            var listed = page.Blobs.Select(b => b.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var (status, _) in page.Statuses.Where(s => s.Status.Status is not (IngestState.Retracted or IngestState.Deleted) && !listed.Contains(s.Status.Blob)))
            {
                deleted++;
                if (await _retractions.BlobDeletedAsync(status.Blob, ct) == BlobDeletionOutcome.Retracted)
                {
                    retracted++;
                }
            }
        }, cancellationToken);

        if (deleted > 0)
        {
            LogReconciled(deleted, retracted);
        }

        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciled {Deleted} deleted uploads that no event reported; {Retracted} articles retracted")]
    private partial void LogReconciled(int deleted, int retracted);
}
