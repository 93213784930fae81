using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Serverless.Domain.Storage;

namespace Serverless.Domain.Ingestion;

/// <summary>Answers what became of an upload, from the status record and the blob itself.</summary>
public sealed class IngestStatusQuery
{
    private readonly IngestStatusStore _status;
    private readonly BlobContainerClient _articles;

    public IngestStatusQuery(IngestStatusStore status, BlobServiceClient blobs, IOptions<StorageOptions> options)
    {
        _status = status;
        _articles = blobs.GetBlobContainerClient(options.Value.ArticlesContainer);
    }

    /// <summary>The status of the blob, or null when no such blob was ever seen.</summary>
    public async Task<IngestStatus?> GetAsync(string blobName, CancellationToken cancellationToken)
    {
        var recorded = await _status.GetAsync(blobName, cancellationToken);
        string? currentETag = null;
        try
        {
            var properties = await _articles.GetBlobClient(blobName).GetPropertiesAsync(cancellationToken: cancellationToken);
            currentETag = properties.Value.ETag.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // The blob may have been deleted after ingestion; the record still answers.
        }

        if (recorded is { } record)
        {
            // A newer upload under the same name has not been processed yet.
            var superseded = currentETag is not null && record.BlobETag is not null && !IngestStatusStore.SameVersion(record.BlobETag, currentETag);
            return superseded ? record.Status with { Status = IngestState.Pending, ArticleId = null, Error = null } : record.Status;
        }

        return currentETag is null ? null : new IngestStatus(blobName, IngestState.Pending, null, null, null);
    }
}
