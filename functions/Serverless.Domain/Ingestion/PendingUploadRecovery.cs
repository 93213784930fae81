using Microsoft.Extensions.Logging;

namespace Serverless.Domain.Ingestion;

/// <summary>
/// The backstop that makes "nothing is lost" hold whatever the trigger did: lists the articles container and
/// ingests every blob older than a grace period whose current version has no recorded outcome, such as a blob whose
/// trigger messages were poisoned during a storage outage, or one uploaded while no host was running.
/// </summary>
public sealed partial class PendingUploadRecovery
{
    private readonly UploadStore _uploads;
    private readonly IngestStatusStore _status;
    private readonly ArticleIngestor _ingestor;
    private readonly TimeProvider _clock;
    private readonly ILogger<PendingUploadRecovery> _logger;

    public PendingUploadRecovery(UploadStore uploads, IngestStatusStore status, ArticleIngestor ingestor, TimeProvider clock, ILogger<PendingUploadRecovery> logger)
    {
        _uploads = uploads;
        _status = status;
        _ingestor = ingestor;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>Ingests the pending blobs last modified before now minus <paramref name="grace"/>; returns how many.</summary>
    public async Task<int> RecoverAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        // Statuses are written behind: the ones this process has queued must not read as pending.
        await _status.FlushAsync(cancellationToken);
        var recorded = new Dictionary<string, string?>(StringComparer.Ordinal);
        await foreach (var (status, blobETag) in _status.ListAsync(cancellationToken))
        {
            recorded[status.Blob] = blobETag;
        }

        var cutoff = _clock.GetUtcNow() - grace;
        var recovered = 0;
        await foreach (var blob in _uploads.ListAsync(cancellationToken))
        {
            var pending = !recorded.TryGetValue(blob.Name, out var done) || (done is not null && blob.ETag is not null && !IngestStatusStore.SameVersion(done, blob.ETag));
            if (pending && blob.LastModified < cutoff)
            {
                await _ingestor.IngestAsync(_uploads.GetBlob(blob.Name), cancellationToken);
                recovered++;
            }
        }

        if (recovered > 0)
        {
            LogRecovered(recovered);
        }

        return recovered;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recovered {Count} uploads that had no recorded outcome")]
    private partial void LogRecovered(int count);
}
