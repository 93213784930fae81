using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Domain.Feeds;
using Serverless.Domain.Ingestion;
using Serverless.IntegrationTests.Support;

namespace Serverless.IntegrationTests.Feeds;

/// <summary>An ingest clears this instance's cached pages of the topics it touches: the feed shows it at once, page cache on.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class FeedCacheInvalidationTests
{
    private readonly AzuriteFixture _azurite;

    public FeedCacheInvalidationTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task ANewArticleAndAReuploadAreOnTheCachedPageAtOnce()
    {
        // Five minutes of page cache: without invalidation the second read would be the cached first one.
        await using var pipeline = await _azurite.CreatePipelineAsync(settings: new Dictionary<string, string?> { ["Feeds:PageCacheSeconds"] = "300" });
        var ingestor = pipeline.GetRequiredService<ArticleIngestor>();
        var query = pipeline.GetRequiredService<TopicFeedQuery>();
        await ingestor.IngestContentAsync("a.md", Markdown("First", "a"), null, CancellationToken.None);
        var (first, _) = await query.GetPageAsync("ai", 10, null, null, CancellationToken.None);

        await ingestor.IngestContentAsync("b.md", Markdown("Second", "b"), null, CancellationToken.None);
        var (second, _) = await query.GetPageAsync("ai", 10, null, null, CancellationToken.None);
        await ingestor.IngestContentAsync("a.md", Markdown("First, retitled", "a"), null, CancellationToken.None);
        var (third, _) = await query.GetPageAsync("ai", 10, null, null, CancellationToken.None);

        Assert.Equal(["First"], first.Select(i => i.Title));
        Assert.Equal(["First", "Second"], second.Select(i => i.Title).Order(StringComparer.Ordinal));
        Assert.Equal(["First, retitled", "Second"], third.Select(i => i.Title).Order(StringComparer.Ordinal));
    }

    private static byte[] Markdown(string title, string slug) =>
        Encoding.UTF8.GetBytes($"---\ntitle: {title}\nwebUrl: https://example.com/{slug}\nquality: 99\ntopics: [AI]\n---\nBody of {slug}.\n");
}
