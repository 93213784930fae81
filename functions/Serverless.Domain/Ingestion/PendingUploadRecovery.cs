using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Domain.Storage;

namespace Serverless.Domain.Ingestion;

/// <summary>
/// The backstop that makes "nothing is lost" hold whatever the trigger did: lists the articles container and
/// ingests every blob older than a grace period whose current version has no recorded outcome, such as a blob whose
/// trigger messages were poisoned during a storage outage, or one uploaded while no host was running.
/// </summary>
public sealed partial class PendingUploadRecovery
{
    private readonly BlobContainerClient _container;
    private readonly IngestStatusStore _status;
    private readonly ArticleIngestor _ingestor;
    private readonly TimeProvider _clock;
    private readonly ILogger<PendingUploadRecovery> _logger;

    public PendingUploadRecovery(BlobServiceClient blobs, IngestStatusStore status, ArticleIngestor ingestor, TimeProvider clock, IOptions<StorageOptions> options, ILogger<PendingUploadRecovery> logger)
    {
        _container = blobs.GetBlobContainerClient(options.Value.ArticlesContainer);
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
        await foreach (var entity in _status.QueryAllAsync(cancellationToken))
        {
            if (entity.GetString("BlobName") is { } name)
            {
                recorded[name] = entity.GetString("BlobETag");
            }
        }

        var cutoff = _clock.GetUtcNow() - grace;
        var recovered = 0;
        await foreach (var blob in _container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            var etag = blob.Properties.ETag?.ToString();
            var pending = !recorded.TryGetValue(blob.Name, out var done) || (done is not null && etag is not null && !IngestStatusStore.SameVersion(done, etag));
            if (pending && blob.Properties.LastModified < cutoff)
            {
                await _ingestor.IngestAsync(_container.GetBlobClient(blob.Name), cancellationToken);
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
