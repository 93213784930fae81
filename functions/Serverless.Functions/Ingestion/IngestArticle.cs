using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Serverless.Domain.Ingestion;

namespace Serverless.Functions.Ingestion;

/// <summary>
/// Ingests each file uploaded to the articles container (any name, subfolders included). In Azure (Flex Consumption)
/// Event Grid delivers the BlobCreated events (<see cref="BlobTriggerSource.EventGrid"/>) to the host's blob webhook;
/// locally the upload tool posts them there (func start never polls such a trigger), and the local host also polls
/// the container with the WebJobs listener, since nothing else announces a blob written by another client.
/// </summary>
public sealed class IngestArticle
{
    private readonly ArticleIngestor _ingestor;

    public IngestArticle(ArticleIngestor ingestor)
    {
        _ingestor = ingestor;
    }

    [Function(nameof(IngestArticle))]
    public Task Run(
        [BlobTrigger("%ArticlesContainer%/{name}", Source = BlobTriggerSource.EventGrid, Connection = "AzureWebJobsStorage")] BlobClient blob,
        CancellationToken cancellationToken) =>
        _ingestor.IngestAsync(blob, cancellationToken);
}
