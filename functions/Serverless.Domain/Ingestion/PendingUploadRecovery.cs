using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Serverless.Domain.Ingestion;

/// <summary>
/// The backstop that makes "nothing is lost" hold whatever the trigger did: walks the articles container and ingests
/// every blob older than a grace period whose current version has no recorded outcome, such as a blob whose trigger
/// messages were poisoned during a storage outage, or one uploaded while no host was running.
/// <para>
/// A run's work is bounded, whatever the container holds: it lists at most <see cref="IngestionOptions.RecoverPagesPerRun"/>
/// pages, starting where the last run stopped (the cursor, stored with the statuses, so a restart resumes) and
/// wrapping around at the end, and reads the statuses of each page in one range read. Every blob is therefore seen
/// once per pass, and one pending for longer than the grace period is ingested within one pass after that.
/// </para>
/// </summary>
public sealed partial class PendingUploadRecovery
{
    /// <summary>The recovery walk's cursor (the name it has had since before the walk was shared).</summary>
    public const string Walk = "uploads";
    private readonly UploadStore _uploads;
    private readonly UploadWalk _walk;
    private readonly IngestStatusStore _status;
    private readonly ArticleIngestor _ingestor;
    private readonly TimeProvider _clock;
    private readonly IngestionOptions _options;
    private readonly ILogger<PendingUploadRecovery> _logger;

    public PendingUploadRecovery(UploadStore uploads, UploadWalk walk, IngestStatusStore status, ArticleIngestor ingestor, TimeProvider clock, IOptions<IngestionOptions> options, ILogger<PendingUploadRecovery> logger)
    {
        _uploads = uploads;
        _walk = walk;
        _status = status;
        _ingestor = ingestor;
        _clock = clock;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Ingests the pending blobs last modified before now minus <paramref name="grace"/> in this run's pages; returns how many.</summary>
    public async Task<int> RecoverAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        // Until every status is under its name-ordered key, a blob without such a row may still have an outcome: the
        // walk waits for the move (bounded like the walk, once, after an upgrade) rather than ingest blobs twice.
        var (moved, finished) = await _status.MigrateLegacyKeysAsync(_options.RecoverPagesPerRun * _options.RecoverPageSize, cancellationToken);
        if (moved > 0)
        {
            LogMigrated(moved, finished);
        }

        if (!finished)
        {
            return 0;
        }

        var cutoff = _clock.GetUtcNow() - grace;
        var recovered = 0;
        await _walk.WalkAsync(Walk, _options.RecoverPagesPerRun, _options.RecoverPageSize, async (page, ct) =>
        {
            // A listed blob whose status says it was deleted is there again (undeleted, or uploaded again while its
            // retraction ran): it has no outcome for what it holds now.
            var recorded = page.Statuses
                .Where(s => s.Status.Status is not (IngestState.Retracted or IngestState.Deleted))
                .ToDictionary(s => s.Status.Blob, s => s.BlobETag, StringComparer.Ordinal);
            foreach (var blob in page.Blobs.Where(blob => blob.LastModified < cutoff && IsPending(blob, recorded)))
            {
                await _ingestor.IngestAsync(_uploads.GetBlob(blob.Name), ct);
                recovered++;
            }
        }, cancellationToken);

        if (recovered > 0)
        {
            LogRecovered(recovered);
        }

        return recovered;
    }

    /// <summary>Whether the blob's current version has no recorded outcome (a row for an older version does not count).</summary>
    internal static bool IsPending(UploadedBlob blob, IReadOnlyDictionary<string, string?> recorded) =>
        !recorded.TryGetValue(blob.Name, out var done) || (done is not null && blob.ETag is not null && !IngestStatusStore.SameVersion(done, blob.ETag));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recovered {Count} uploads that had no recorded outcome")]
    private partial void LogRecovered(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Moved {Count} upload statuses to name-ordered keys (finished: {Finished})")]
    private partial void LogMigrated(int count, bool finished);

}
