using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
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

    /// <summary>Every upload with its version and when it was last written, in name order.</summary>
    public async IAsyncEnumerable<UploadedBlob> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (BlobItem blob in _container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            yield return new UploadedBlob(blob.Name, blob.Properties.ETag?.ToString(), blob.Properties.LastModified);
        }
    }
}
