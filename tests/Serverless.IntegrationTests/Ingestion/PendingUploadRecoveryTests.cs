using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Domain.Ingestion;
using Serverless.Domain.Storage;
using Serverless.IntegrationTests.Support;

namespace Serverless.IntegrationTests.Ingestion;

[Collection(AzuriteCollection.Name)]
public sealed class PendingUploadRecoveryTests
{
    private readonly AzuriteFixture _azurite;

    public PendingUploadRecoveryTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task UploadsWithoutAnOutcomeAreIngestedAndFinishedOnesAreLeftAlone()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync();
        var container = pipeline.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(pipeline.GetRequiredService<IOptions<StorageOptions>>().Value.ArticlesContainer);
        var query = pipeline.GetRequiredService<IngestStatusQuery>();
        var recovery = pipeline.GetRequiredService<PendingUploadRecovery>();
        await container.GetBlobClient("done.md").UploadAsync(BinaryData.FromString("Done\nbody"));
        await pipeline.GetRequiredService<ArticleIngestor>().IngestAsync(container.GetBlobClient("done.md"), CancellationToken.None);
        await container.GetBlobClient("missed/a.md").UploadAsync(BinaryData.FromString("---\ntitle: Missed\nwebUrl: https://example.com/missed\n---\n"));
        await container.GetBlobClient("missed/bad.md").UploadAsync(BinaryData.FromString("---\ntitle: Bad\nquality: high\n---\n"));

        var recovered = await recovery.RecoverAsync(TimeSpan.Zero, CancellationToken.None);
        var again = await recovery.RecoverAsync(TimeSpan.Zero, CancellationToken.None);

        Assert.Equal(2, recovered);
        Assert.Equal(0, again);
        Assert.Equal(IngestState.Ingested, (await query.GetAsync("missed/a.md", CancellationToken.None))!.Status);
        Assert.Equal(IngestState.Rejected, (await query.GetAsync("missed/bad.md", CancellationToken.None))!.Status);
    }
}
