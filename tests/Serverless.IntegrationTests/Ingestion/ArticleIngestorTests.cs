using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Moq;
using Serverless.Domain.Articles;
using Serverless.Domain.Ingestion;
using Serverless.Domain.Parsing;
using Serverless.Domain.Storage;
using Serverless.Domain.Stores;
using Serverless.IntegrationTests.Support;

namespace Serverless.IntegrationTests.Ingestion;

/// <summary>The ingestion path the blob function runs, against a real Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ArticleIngestorTests
{
    private readonly AzuriteFixture _azurite;

    public ArticleIngestorTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [SharedDataFact]
    public async Task EverySampleAndCorpusFileIsStoredAndReadsBackWhole()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync();
        var ingestor = pipeline.GetRequiredService<ArticleIngestor>();
        var store = pipeline.GetRequiredService<ArticleStore>();
        var parser = pipeline.GetRequiredService<ArticleParser>();
        var files = Directory.GetFiles(RepositoryPaths.Samples).Concat(Directory.GetFiles(RepositoryPaths.Corpus)).ToList();

        foreach (var file in files)
        {
            var content = await File.ReadAllBytesAsync(file);
            var outcome = await ingestor.IngestContentAsync(Path.GetFileName(file), content, null, CancellationToken.None);
            Assert.True(outcome.State == IngestState.Ingested, $"{file}: {outcome.Error}");

            var stored = await store.GetAsync(outcome.ArticleId!, CancellationToken.None);
            var expected = parser.Parse(content, Path.GetFileName(file)).Article!;
            Assert.NotNull(stored);
            Assert.Equal(ArticleEntityCodec.SerializeDocument(expected), ArticleEntityCodec.SerializeDocument(stored.Article));
        }

        var rows = await pipeline.RawArticlesTable().QueryAsync<TableEntity>(select: ["PartitionKey"]).CountAsync();
        Assert.True(rows <= files.Count);
    }

    [Fact]
    public async Task StorageThatCameBackWithoutItsTablesIsLaidOutAgain()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync();
        var ingestor = pipeline.GetRequiredService<ArticleIngestor>();
        var store = pipeline.GetRequiredService<ArticleStore>();
        var options = pipeline.GetRequiredService<IOptions<StorageOptions>>().Value;
        await pipeline.RawArticlesTable().DeleteAsync();
        await pipeline.GetRequiredService<TableServiceClient>().DeleteTableAsync(options.IngestStatusTable);

        var outcome = await Ingest(ingestor, "after-reset.md", "---\ntitle: After a reset\nwebUrl: https://example.com/reset\n---\n");

        Assert.Equal(IngestState.Ingested, outcome.State);
        Assert.NotNull(await store.GetAsync(outcome.ArticleId!, CancellationToken.None));
        Assert.Equal(IngestState.Ingested, (await pipeline.GetRequiredService<IngestStatusQuery>().GetAsync("after-reset.md", CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task TheSameFileDeliveredAgainChangesNothingTheRescoringWrote()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync();
        var ingestor = pipeline.GetRequiredService<ArticleIngestor>();
        var store = pipeline.GetRequiredService<ArticleStore>();
        const string text = "---\ntitle: Twice delivered\nwebUrl: https://example.com/twice\nquality: 80\ntopics: [AI]\n---\n";
        var first = await Ingest(ingestor, "twice.md", text);
        await Ingest(ingestor, "other.md", "---\ntitle: Same story\nwebUrl: https://example.com/other\nquality: 90\ntopics: [AI]\nrelated:\n  - webUrl: https://example.com/twice\n---\n");
        await pipeline.GetRequiredService<Serverless.Domain.Rescoring.RescoreRunner>().RunAsync(CancellationToken.None);
        var scored = await store.GetSummaryAsync(first.ArticleId!, CancellationToken.None);

        var again = await Ingest(ingestor, "twice.md", text);

        Assert.Equal(IngestState.Ingested, again.State);
        var after = await store.GetSummaryAsync(first.ArticleId!, CancellationToken.None);
        Assert.Equal(2, scored!.Score!.StorySize);
        Assert.Equal(scored.Version, after!.Version);
        Assert.Equal((scored.Score.StoryId, scored.Score.StorySize, scored.Score.BaseHeat), (after.Score!.StoryId, after.Score.StorySize, after.Score.BaseHeat));
    }

    [Fact]
    public async Task SameArticleUnderTwoBlobNamesIsOneArticle()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync();
        var ingestor = pipeline.GetRequiredService<ArticleIngestor>();
        var store = pipeline.GetRequiredService<ArticleStore>();

        var first = await Ingest(ingestor, "2024/a.md", "---\ntitle: First version\nwebUrl: https://example.com/story?utm_source=feed\n---\n");
        var second = await Ingest(ingestor, "mirror/b.txt", "---\ntitle: Second version\nwebUrl: https://example.com/story/\n---\n");

        Assert.Equal(first.ArticleId, second.ArticleId);
        var rows = await pipeline.RawArticlesTable().QueryAsync<TableEntity>().ToListAsync();
        var row = Assert.Single(rows);
        Assert.Equal("Second version", row.GetString("Title"));
    }

    [Fact]
    public async Task BadInputIsRejectedOnceWithAReadableStatus()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync();
        var ingestor = pipeline.GetRequiredService<ArticleIngestor>();
        var status = pipeline.GetRequiredService<IngestStatusStore>();
        var store = pipeline.GetRequiredService<ArticleStore>();

        var outcome = await Ingest(ingestor, "bad/quality.md", "---\ntitle: ok\nquality: high\n---\n");

        Assert.Equal(IngestState.Rejected, outcome.State);
        var recorded = await status.GetAsync("bad/quality.md", CancellationToken.None);
        Assert.NotNull(recorded);
        Assert.Equal(IngestState.Rejected, recorded.Value.Status.Status);
        Assert.Equal("wrong-type", recorded.Value.Status.Error!.Code);
        Assert.Equal(3, recorded.Value.Status.Error.Line);
        Assert.Empty(await pipeline.RawArticlesTable().QueryAsync<TableEntity>().ToListAsync());
    }

    [Fact]
    public async Task AHugeBodyIsStoredWholeAndAHugeRelatedListIsCappedWithAWarning()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync();
        var ingestor = pipeline.GetRequiredService<ArticleIngestor>();
        var store = pipeline.GetRequiredService<ArticleStore>();
        var text = new StringBuilder("---\ntitle: Huge\nwebUrl: https://example.com/huge\nrelated:\n");
        for (var i = 0; i < 3_000; i++)
        {
            text.Append($"  - title: \"Related {i}\"\n    webUrl: \"https://example.com/related/{i}\"\n");
        }

        text.Append("---\n").Append(string.Concat(Enumerable.Repeat("Paragraph of a very long body. ", 70_000)));

        var outcome = await Ingest(ingestor, "huge.md", text.ToString());

        Assert.Equal(IngestState.Ingested, outcome.State);
        var stored = await store.GetAsync(outcome.ArticleId!, CancellationToken.None);
        Assert.NotNull(stored);
        // The body is kept whole (a blob); a related list is capped at parse, and the status says so.
        Assert.Equal(ArticleBounds.MaxRelated, stored.Article.Related.Count);
        Assert.Equal($"https://example.com/related/{ArticleBounds.MaxRelated - 1}", stored.Article.Related[^1].WebUrl);
        await pipeline.GetRequiredService<IngestStatusStore>().FlushAsync(CancellationToken.None);
        var status = (await pipeline.GetRequiredService<IngestStatusStore>().GetAsync("huge.md", CancellationToken.None))!.Value.Status;
        Assert.Contains(status.Warnings, w => w.Code == "related-capped" && w.Message.Contains("3000", StringComparison.Ordinal));
        Assert.Equal(70_000 * "Paragraph of a very long body. ".Length, stored.Article.Body!.Length + 1);
    }

    [Fact]
    public async Task MediumDocumentIsSplitAcrossColumnsAndReassembled()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync();
        var ingestor = pipeline.GetRequiredService<ArticleIngestor>();
        var store = pipeline.GetRequiredService<ArticleStore>();
        var body = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"w{i} "));

        var outcome = await Ingest(ingestor, "medium.md", $"---\ntitle: Medium\nwebUrl: https://example.com/m\n---\n{body}");

        var entity = (await pipeline.RawArticlesTable().GetEntityAsync<TableEntity>(ArticleEntityCodec.PartitionKeyOf(outcome.ArticleId!), outcome.ArticleId!)).Value;
        Assert.True(entity.GetInt32("DocChunks") > 1);
        var stored = await store.GetAsync(outcome.ArticleId!, CancellationToken.None);
        Assert.Equal(body.Trim(), stored!.Article.Body);
    }

    [Fact]
    public async Task OversizedBlobIsRejectedWithoutReadingAndKept()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync(settings: new Dictionary<string, string?> { ["Ingestion:MaxFileBytes"] = "2048" });
        var ingestor = pipeline.GetRequiredService<ArticleIngestor>();
        var container = ArticlesContainer(pipeline);
        var blob = container.GetBlobClient("big.txt");
        await blob.UploadAsync(BinaryData.FromString("Title\n" + new string('x', 10_000)));

        var outcome = await ingestor.IngestAsync(blob, CancellationToken.None);

        Assert.Equal(IngestState.Rejected, outcome.State);
        Assert.Equal("too-large", outcome.Error!.Code);
        Assert.Contains("Ingestion__MaxFileBytes", outcome.Error.Message);
        Assert.True(await blob.ExistsAsync());
    }

    [Fact]
    public async Task TransientStorageFailurePropagatesForRetryAndRecordsNothing()
    {
        var failing = new Mock<IArticleIndexer>();
        failing.Setup(i => i.ScoreNewAsync(It.IsAny<Article>(), It.IsAny<ArticleSummary>(), It.IsAny<ArticleSummary?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(503, "Server busy"));
        await using var pipeline = await _azurite.CreatePipelineAsync(services => services.Replace(ServiceDescriptor.Singleton(failing.Object)));
        var ingestor = pipeline.GetRequiredService<ArticleIngestor>();
        var query = pipeline.GetRequiredService<IngestStatusQuery>();
        var blob = ArticlesContainer(pipeline).GetBlobClient("retry/me.md");
        await blob.UploadAsync(BinaryData.FromString("---\ntitle: Retry me\nwebUrl: https://example.com/retry\n---\n"));

        await Assert.ThrowsAsync<RequestFailedException>(() => ingestor.IngestAsync(blob, CancellationToken.None));

        var status = await query.GetAsync("retry/me.md", CancellationToken.None);
        Assert.Equal(IngestState.Pending, status!.Status);
        Assert.True(await blob.ExistsAsync());
    }

    [Fact]
    public async Task StatusIsPendingUntilIngestedAndAgainAfterAReupload()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync();
        var ingestor = pipeline.GetRequiredService<ArticleIngestor>();
        var query = pipeline.GetRequiredService<IngestStatusQuery>();
        var blob = ArticlesContainer(pipeline).GetBlobClient("status/a.md");

        Assert.Null(await query.GetAsync("status/a.md", CancellationToken.None));
        await blob.UploadAsync(BinaryData.FromString("Plain title\nbody"));
        Assert.Equal(IngestState.Pending, (await query.GetAsync("status/a.md", CancellationToken.None))!.Status);

        var outcome = await ingestor.IngestAsync(blob, CancellationToken.None);
        var ingested = await query.GetAsync("status/a.md", CancellationToken.None);
        Assert.Equal(IngestState.Ingested, ingested!.Status);
        Assert.Equal(outcome.ArticleId, ingested.ArticleId);

        await blob.UploadAsync(BinaryData.FromString("New title\nbody"), overwrite: true);
        Assert.Equal(IngestState.Pending, (await query.GetAsync("status/a.md", CancellationToken.None))!.Status);
    }

    private static BlobContainerClient ArticlesContainer(IServiceProvider pipeline) =>
        pipeline.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(pipeline.GetRequiredService<IOptions<StorageOptions>>().Value.ArticlesContainer);

    private static Task<IngestOutcome> Ingest(ArticleIngestor ingestor, string blobName, string text) =>
        ingestor.IngestContentAsync(blobName, Encoding.UTF8.GetBytes(text), null, CancellationToken.None);
}
