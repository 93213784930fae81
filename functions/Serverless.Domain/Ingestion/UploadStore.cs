using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Serverless.Domain.Storage;

namespace Serverless.Domain.Ingestion;

/// <summary>The articles container that uploads land in: the only class that reaches it outside the blob trigger.</summary>
public sealed class UploadStore : IStorageSchema
{
    private readonly BlobContainerClient _container;

    public UploadStore(BlobServiceClient blobs, IOptions<StorageOptions> options)
    {
        _container = blobs.GetBlobContainerClient(options.Value.ArticlesContainer);
    }

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) => await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    /// <summary>The uploaded blob, to be read by the ingestor.</summary>
    public BlobClient GetBlob(string blobName) => _container.GetBlobClient(blobName);

    /// <summary>The version (ETag) of the blob now stored under the name, or null when there is none.</summary>
    public async Task<string?> GetVersionAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await _container.GetBlobClient(blobName).GetPropertiesAsync(cancellationToken: cancellationToken);
            return properties.Value.ETag.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// One listing page of at most <paramref name="pageSize"/> uploads in name order, starting where
    /// <paramref name="continuationToken"/> (from an earlier page, possibly of an earlier process) left off, or at the
    /// first name when it is null.
    /// </summary>
    public async Task<UploadPage> ListPageAsync(string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        await foreach (var page in _container.GetBlobsAsync(cancellationToken: cancellationToken).AsPages(continuationToken, pageSize))
        {
            var blobs = page.Values.Select(blob => new UploadedBlob(blob.Name, blob.Properties.ETag?.ToString(), blob.Properties.LastModified)).ToList();
            return new UploadPage(blobs, string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
        }

        return new UploadPage([], null);
    }
}
