using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Serverless.Domain.Ingestion;

namespace Serverless.Functions.Ingestion;

/// <summary>Ingests each file uploaded to the articles container (any name, subfolders included).</summary>
public sealed class IngestArticle
{
    private readonly ArticleIngestor _ingestor;

    public IngestArticle(ArticleIngestor ingestor)
    {
        _ingestor = ingestor;
    }

    [Function(nameof(IngestArticle))]
    public Task Run(
        [BlobTrigger("%ArticlesContainer%/{name}", Connection = "AzureWebJobsStorage")] BlobClient blob,
        CancellationToken cancellationToken) =>
        _ingestor.IngestAsync(blob, cancellationToken);
}
