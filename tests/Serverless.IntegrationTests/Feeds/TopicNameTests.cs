using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Domain.Feeds;
using Serverless.Domain.Ingestion;
using Serverless.Domain.Rescoring;
using Serverless.Domain.Stores;
using Serverless.Domain.Topics;
using Serverless.IntegrationTests.Support;

namespace Serverless.IntegrationTests.Feeds;

/// <summary>Topics outside the taxonomy are shown by the name the files give them, from their first ingested article on.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TopicNameTests
{
    private readonly AzuriteFixture _azurite;

    public TopicNameTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task ANewTopicIsListedUnderItsSpellingAndServedFromItsFirstIngest()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync();
        var ingestor = pipeline.GetRequiredService<ArticleIngestor>();
        var feeds = pipeline.GetRequiredService<TopicFeedService>();
        var query = pipeline.GetRequiredService<TopicFeedQuery>();

        // Stats are read (and cached) before the topic exists, as a busy feed would have them.
        Assert.DoesNotContain(await query.ListTopicsAsync(CancellationToken.None), t => t.Id == "power-apps");
        await ingestor.IngestContentAsync("a.md", Markdown("Flows in Power Apps", "a", "Power Apps", 99), null, CancellationToken.None);

        var listed = Assert.Single(await query.ListTopicsAsync(CancellationToken.None), t => t.Id == "power-apps");
        var page = await feeds.GetPageAsync("power-apps", 10, null, null, CancellationToken.None);
        Assert.Equal("Power Apps", listed.Name);
        Assert.Equal(TopicFeedOutcome.Page, page.Outcome);
        Assert.Equal("Power Apps", page.Topic!.Name);
        Assert.Equal(["Flows in Power Apps"], page.Items.Select(i => i.Title));

        // A later spelling does not rename it, and a rescoring run keeps the name and counts the article.
        await ingestor.IngestContentAsync("b.md", Markdown("More power apps", "b", "power apps", 99), null, CancellationToken.None);
        await pipeline.GetRequiredService<RescoreRunner>().RunAsync(CancellationToken.None);
        var stats = await pipeline.GetRequiredService<TopicStatsStore>().GetAllAsync(CancellationToken.None);
        Assert.Equal("Power Apps", stats["power-apps"].Name);
        Assert.Equal(2, stats["power-apps"].Articles);
    }

    [Fact]
    public async Task ATopicOnlyUnpublishedArticlesNameIsListedWithNoneAndAnEmptyFeed()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync();
        await pipeline.GetRequiredService<ArticleIngestor>().IngestContentAsync("a.md", Markdown("A weak piece", "a", "Quiet Corner", 10), null, CancellationToken.None);
        await pipeline.GetRequiredService<RescoreRunner>().RunAsync(CancellationToken.None);

        var listed = Assert.Single(await pipeline.GetRequiredService<TopicFeedQuery>().ListTopicsAsync(CancellationToken.None), t => t.Id == "quiet-corner");
        var page = await pipeline.GetRequiredService<TopicFeedService>().GetPageAsync("quiet-corner", 10, null, null, CancellationToken.None);
        Assert.Equal(("Quiet Corner", 0), (listed.Name, listed.ArticleCount));
        Assert.Equal(TopicFeedOutcome.Page, page.Outcome);
        Assert.Empty(page.Items);
    }

    [Fact]
    public async Task SpellingsThatRaceResolveToTheOrdinallySmallestWhicheverLandsFirst()
    {
        var shared = _azurite.IsolatedSettings().ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        var seen = new DateTimeOffset(2026, 12, 1, 10, 0, 0, 300, TimeSpan.Zero);
        foreach (var order in new[] { new[] { "power apps", "Power Apps" }, ["Power Apps", "power apps"] })
        {
            shared["TopicStatsTable"] = $"TopicStats{Guid.NewGuid():N}"[..30];
            // Two processes, each with its own memory of what it recorded.
            await using var first = await _azurite.CreatePipelineAsync(settings: shared);
            await using var second = await _azurite.CreatePipelineAsync(settings: shared);
            await first.GetRequiredService<TopicStatsStore>().RecordSpellingsAsync([new TopicSpelling("power-apps", order[0])], seen, CancellationToken.None);
            await second.GetRequiredService<TopicStatsStore>().RecordSpellingsAsync([new TopicSpelling("power-apps", order[1])], seen.AddMilliseconds(500), CancellationToken.None);
            // The next second is later, not a race: it never renames.
            await second.GetRequiredService<TopicStatsStore>().RecordSpellingsAsync([new TopicSpelling("power-apps", "POWER APPS")], seen.AddSeconds(1), CancellationToken.None);

            var stats = await first.GetRequiredService<TopicStatsStore>().GetAllAsync(CancellationToken.None);
            Assert.Equal("Power Apps", stats["power-apps"].Name);
        }
    }

    private static byte[] Markdown(string title, string slug, string topic, int quality) =>
        Encoding.UTF8.GetBytes($"---\ntitle: {title}\nwebUrl: https://example.com/{slug}\nquality: {quality}\ntopics: [{topic}]\n---\nBody of {slug}.\n");
}
