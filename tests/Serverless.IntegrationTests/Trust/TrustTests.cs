using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Serverless.Domain.Articles;
using Serverless.Domain.Ingestion;
using Serverless.Domain.Rescoring;
using Serverless.Domain.Scoring;
using Serverless.Domain.Stores;
using Serverless.IntegrationTests.Support;

namespace Serverless.IntegrationTests.Trust;

/// <summary>
/// No single file buys the top of a feed or stops rescoring for everyone: each adversarial file goes through the real
/// ingest and a real rescoring run against Azurite, beside an honest control whose heat and story are asserted too.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TrustTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly AzuriteFixture _azurite;
    private readonly FakeTimeProvider _clock = new(Now);

    public TrustTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task AnInventedRelatedListLiftsItsFileByAtMostItsCapAndAnHonestStoryKeepsItsHeat()
    {
        await using var pipeline = await CreateAsync();
        var invented = string.Concat(Enumerable.Range(0, 50).Select(i => $"  - webUrl: https://outlet{i}.example-{i}.org/story\n    title: Made up {i}\n    provider: {{ name: Outlet {i}, domain: outlet{i}.org }}\n"));
        var adversary = await IngestAsync(pipeline, "adversary.md", Article("Zeppelin tariffs kelp harvest", "https://spam.example/a", Now.AddHours(-1), 40, "related:\n" + invented));
        var honest = await IngestAsync(pipeline, "honest.md", Article("Glacier survey finds retreat", "https://honest.example/g", Now.AddHours(-1), 60, "related:\n  - webUrl: https://other.example/g\n    title: Glaciers retreat\n"));
        var atIngest = await ScoreOfAsync(pipeline, adversary);

        await pipeline.GetRequiredService<RescoreRunner>().RunAsync(CancellationToken.None);

        var heat = pipeline.GetRequiredService<HeatScorer>();
        var options = heat.Options;
        var counted = 1 + (options.MaxCitationsPerFile * options.CitationWeight);
        var lift = 1 + ((options.ArticleCoverageWeight + options.ProviderCoverageWeight) * Math.Log2(counted));
        var score = await ScoreOfAsync(pipeline, adversary);
        // 51 articles and 51 outlets shown, but 2.5 of each counted: 40 × 1.40, not 40 × 2.7 as before.
        Assert.Equal((51, counted, counted), (score.StorySize, score.CountedArticles, score.CountedOutlets));
        Assert.Equal(Math.Round(40 * lift, 3), score.BaseHeat);
        Assert.Equal(score.BaseHeat, atIngest.BaseHeat);
        Assert.False(score.Published);
        var control = await ScoreOfAsync(pipeline, honest);
        Assert.Equal(Math.Round(60 * (1 + ((options.ArticleCoverageWeight + options.ProviderCoverageWeight) * Math.Log2(1.5))), 3), control.BaseHeat);
        Assert.NotEqual(control.StoryId, score.StoryId);
    }

    [Fact]
    public async Task OutletsDeclaredOnOneHostCountAsOneAndTwoPublishersAsTwo()
    {
        await using var pipeline = await CreateAsync();
        var spam = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            // Six files on subdomains of one registrable domain, each naming itself a different outlet, all one story.
            spam.Add(await IngestAsync(pipeline, $"spam{i}.md", Article("Harbour cranes idle as port strike spreads", $"https://news{i}.spam-farm.com/cranes", Now.AddHours(-2 + (i * 0.1)), 50, $"provider: {{ name: Outlet {i}, domain: outlet{i}.com }}\nrelated:\n  - webUrl: https://news0.spam-farm.com/cranes\n")));
        }

        var a = await IngestAsync(pipeline, "a.md", Article("Volcano ash closes northern airports", "https://www.bbc.co.uk/news/ash", Now.AddHours(-2), 50, "provider: { name: BBC }\n"));
        var b = await IngestAsync(pipeline, "b.md", Article("Airports shut as volcano ash drifts north", "https://edition.cnn.com/ash", Now.AddHours(-1.5), 50, "provider: { name: CNN }\nrelated:\n  - webUrl: https://www.bbc.co.uk/news/ash\n"));
        await pipeline.GetRequiredService<RescoreRunner>().RunAsync(CancellationToken.None);

        var spamScore = await ScoreOfAsync(pipeline, spam[3]);
        Assert.Equal((6, 1, 6.0, 1.0), (spamScore.StorySize, spamScore.StoryProviders, spamScore.CountedArticles, spamScore.CountedOutlets));
        var honest = await ScoreOfAsync(pipeline, a);
        Assert.Equal((2, 2, 2.0), (honest.StorySize, honest.StoryProviders, honest.CountedOutlets));
        Assert.Equal(honest.StoryId, (await ScoreOfAsync(pipeline, b)).StoryId);
    }

    [Fact]
    public async Task AQualityFarOutOfScaleCountsAsTheTopOfTheScaleAndTheStatusSaysSo()
    {
        await using var pipeline = await CreateAsync();
        var inflated = await IngestAsync(pipeline, "inflated.md", Article("Comet lander wakes up", "https://space.example/comet", Now.AddHours(-1), 100_000, string.Empty));
        var control = await IngestAsync(pipeline, "control.md", Article("Reef census counts more sharks", "https://sea.example/reef", Now.AddHours(-1), 90, string.Empty));
        await pipeline.GetRequiredService<RescoreRunner>().RunAsync(CancellationToken.None);

        var stored = await pipeline.GetRequiredService<ArticleStore>().GetSummaryAsync(inflated, CancellationToken.None);
        Assert.Equal(ArticleDocumentQuality, stored!.Quality);
        Assert.Equal(200, (await ScoreOfAsync(pipeline, inflated)).BaseHeat);
        Assert.Equal(90, (await ScoreOfAsync(pipeline, control)).BaseHeat);
        var status = await UploadStatuses.ReadAsync(pipeline, "inflated.md");
        Assert.Contains(status.Warnings, w => w.Code == "quality-clamped" && w.Message.Contains("100000", StringComparison.Ordinal));
        Assert.Empty((await UploadStatuses.ReadAsync(pipeline, "control.md")).Warnings);
    }

    [Fact]
    public async Task ADateFarInTheFutureRanksFromTheFirstIngestAndAReuploadCannotKeepItFresh()
    {
        await using var pipeline = await CreateAsync();
        var rescore = pipeline.GetRequiredService<RescoreRunner>();
        var future = await IngestAsync(pipeline, "future.md", Article("Mars colony votes on charter", "https://future.example/mars", new DateTimeOffset(2199, 1, 1, 0, 0, 0, TimeSpan.Zero), 90, string.Empty));
        await rescore.RunAsync(CancellationToken.None);
        var first = await pipeline.GetRequiredService<ArticleStore>().GetSummaryAsync(future, CancellationToken.None);
        Assert.Equal(new DateTimeOffset(2199, 1, 1, 0, 0, 0, TimeSpan.Zero), first!.PublishedDateTime);
        Assert.Equal(Now + ArticleSummary.ClockSkewTolerance, first.Score!.RankedAt);
        Assert.Contains((await UploadStatuses.ReadAsync(pipeline, "future.md")).Warnings, w => w.Code == "date-in-future");

        // Two days on, the same file changed and uploaded again, beside an honest article of today.
        _clock.Advance(TimeSpan.FromDays(2));
        await IngestAsync(pipeline, "future.md", Article("Mars colony votes on charter, again", "https://future.example/mars", new DateTimeOffset(2199, 1, 1, 0, 0, 0, TimeSpan.Zero), 90, string.Empty));
        var today = await IngestAsync(pipeline, "today.md", Article("Tidal farm powers island town", "https://honest.example/tidal", _clock.GetUtcNow().AddHours(-1), 90, string.Empty));
        await rescore.RunAsync(CancellationToken.None);

        var again = await ScoreOfAsync(pipeline, future);
        Assert.Equal(Now + ArticleSummary.ClockSkewTolerance, again.RankedAt);
        var heat = pipeline.GetRequiredService<HeatScorer>();
        var now = _clock.GetUtcNow();
        Assert.True(heat.HeatAt(again.BaseHeat, again.RankedAt!.Value, now) < 25, "two days of decay");
        Assert.True(heat.HeatAt((await ScoreOfAsync(pipeline, today)).BaseHeat, (await ScoreOfAsync(pipeline, today)).RankedAt!.Value, now) > 80);
        var feed = await IndexAssertions.ActualRowsAsync(pipeline);
        var order = feed.Where(r => r.Topic == "ai").OrderBy(r => r.RowKey, StringComparer.Ordinal).Select(r => TopicIndexRow.ArticleIdOf(r.RowKey)).ToList();
        Assert.True(order.IndexOf(today) < order.IndexOf(future), "today's article ranks above the one dated 2199");
    }

    [Fact]
    public async Task TopicSpellingsPastSixteenAreDroppedAndTheStatusSaysSo()
    {
        await using var pipeline = await CreateAsync();
        var topics = string.Join(", ", Enumerable.Range(0, 1_000).Select(i => $"flood topic {i}"));
        await IngestAsync(pipeline, "flood.md", Article("Kite festival fills the beach", "https://kites.example/beach", Now.AddHours(-1), 50, string.Empty, topics: $"[{topics}]"));
        var control = await IngestAsync(pipeline, "control.md", Article("Glassblowers revive old furnace", "https://glass.example/furnace", Now.AddHours(-1), 80, string.Empty, topics: "[Glass Craft, AI]"));
        await pipeline.GetRequiredService<TopicIndexStore>().FlushAsync(CancellationToken.None);
        await pipeline.GetRequiredService<RescoreRunner>().RunAsync(CancellationToken.None);

        var stats = await pipeline.GetRequiredService<TopicStatsStore>().GetAllAsync(CancellationToken.None);
        Assert.InRange(stats.Keys.Count(k => k.StartsWith("flood-topic", StringComparison.Ordinal)), 1, 16);
        // The honest file's topics are listed and counted as ever.
        Assert.Equal(1, stats["glass-craft"].Articles);
        Assert.Contains("glass-craft", (await ScoreOfAsync(pipeline, control)).TopicIds);
        var status = await UploadStatuses.ReadAsync(pipeline, "flood.md");
        Assert.Contains(status.Warnings, w => w.Code == "topics-dropped" && w.Message.Contains("1000", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ATextBridgeJoinsTheStoryItIsMostLikeAndLeavesTheOtherApart()
    {
        await using var pipeline = await CreateAsync();
        // Enough unrelated articles that the stories' words are rare (IDF), as in any real archive.
        for (var i = 0; i < 40; i++)
        {
            await IngestAsync(pipeline, $"filler{i}.md", Article(string.Join(' ', Enumerable.Range(0, 8).Select(w => $"filler{i}word{w}")), $"https://filler{i}.example/f", Now.AddHours(-30 + (i * 0.1)), 50, string.Empty));
        }

        string[] harbour = ["harbour", "cranes", "dockers", "strike", "containers", "shipping", "berth", "quay", "freight", "tugboat"];
        string[] comet = ["comet", "lander", "orbit", "telescope", "nucleus", "perihelion", "astronomers", "probe", "asteroid", "tail"];
        var port = await IngestAsync(pipeline, "port.md", Article(string.Join(' ', harbour), "https://port.example/strike", Now.AddHours(-3), 80, string.Empty));
        var space = await IngestAsync(pipeline, "space.md", Article(string.Join(' ', comet), "https://space.example/comet", Now.AddHours(-2.5), 80, string.Empty));
        var bridge = await IngestAsync(pipeline, "bridge.md", Article(string.Join(' ', harbour.Take(8).Concat(comet.Take(4))), "https://bridge.example/both", Now.AddHours(-2), 40, string.Empty));

        await pipeline.GetRequiredService<RescoreRunner>().RunAsync(CancellationToken.None);

        var (portScore, spaceScore, bridgeScore) = (await ScoreOfAsync(pipeline, port), await ScoreOfAsync(pipeline, space), await ScoreOfAsync(pipeline, bridge));
        Assert.Equal(portScore.StoryId, bridgeScore.StoryId);
        Assert.NotEqual(portScore.StoryId, spaceScore.StoryId);
        // The comet story keeps the heat of one outlet's article alone; the port story is lifted by its second outlet.
        Assert.Equal((1, 80.0), (spaceScore.StorySize, spaceScore.BaseHeat));
        Assert.Equal(2, portScore.StorySize);
    }

    [Fact]
    public async Task ControlCharactersInEveryFieldAreRemovedAndTheStoryPageServesEveryFormat()
    {
        await using var pipeline = await CreateAsync();
        var text = await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.Root, "tests", "hostile-corpus", "46-control-chars-every-field.json"));
        var outcome = await pipeline.GetRequiredService<ArticleIngestor>().IngestContentAsync("controls.json", text, null, CancellationToken.None);
        var control = await IngestAsync(pipeline, "control.md", Article("Reef census counts more sharks", "https://sea.example/reef", Now.AddHours(-1), 90, string.Empty));
        await pipeline.GetRequiredService<RescoreRunner>().RunAsync(CancellationToken.None);

        Assert.Equal(IngestState.Ingested, outcome.State);
        Assert.Contains((await UploadStatuses.ReadAsync(pipeline, "controls.json")).Warnings, w => w.Code == "characters-removed");
        var story = (await ScoreOfAsync(pipeline, outcome.ArticleId!)).StoryId;
        foreach (var format in new[] { "html", "json", "jsonfeed", "rss", "atom" })
        {
            var page = await StoryRequests.GetAsync(pipeline, story, $"format={format}");
            Assert.Equal(200, page.Status);
            Assert.Contains("Control characters in every field", page.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(page.Body, c => (char.IsControl(c) && c is not ('\t' or '\n' or '\r')) || char.IsSurrogate(c));
            if (format is "rss" or "atom")
            {
                System.Xml.Linq.XDocument.Parse(page.Body);
            }
        }

        Assert.Equal(90, (await ScoreOfAsync(pipeline, control)).BaseHeat);
    }

    [SharedDataFact]
    public async Task TheSamplesPlainTextMembersAgeWithTheirDatedStoryAndAnUnrelatedPlainTextArticleStaysFresh()
    {
        await using var pipeline = await CreateAsync();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(RepositoryPaths.Samples).Order(StringComparer.Ordinal))
        {
            var outcome = await pipeline.GetRequiredService<ArticleIngestor>().IngestContentAsync(Path.GetFileName(file), await File.ReadAllBytesAsync(file), null, CancellationToken.None);
            ids[Path.GetFileName(file)] = outcome.ArticleId!;
        }

        var alone = await IngestAsync(pipeline, "alone.txt", "Beekeepers map urban meadows\n\nHives on rooftops across the city were counted by volunteers this week.\n");
        await pipeline.GetRequiredService<RescoreRunner>().RunAsync(CancellationToken.None);

        // 002 and 004 are plain text: they rank from the story's newest dated member (001, 31 July 2023), not from now.
        var newest = new DateTimeOffset(2023, 7, 31, 8, 22, 0, TimeSpan.Zero);
        var heat = pipeline.GetRequiredService<HeatScorer>();
        foreach (var plain in new[] { "002_30fe55b47ae54c5c.txt", "004_30cbf47528fc6f09.txt" })
        {
            var score = await ScoreOfAsync(pipeline, ids[plain]);
            Assert.Equal(newest, score.RankedAt);
            Assert.Equal(0, heat.HeatAt(score.BaseHeat, score.RankedAt!.Value, Now));
        }

        var stories = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids.Values)
        {
            stories.Add((await ScoreOfAsync(pipeline, id)).StoryId);
        }

        Assert.Single(stories);
        var fresh = await ScoreOfAsync(pipeline, alone);
        Assert.Equal(Now, fresh.RankedAt);
        Assert.Equal(40, heat.HeatAt(fresh.BaseHeat, fresh.RankedAt!.Value, Now));
    }

    private const int ArticleDocumentQuality = 200;

    private static string Article(string title, string url, DateTimeOffset published, int quality, string extra, string topics = "[AI]") =>
        $"---\ntitle: \"{title}\"\nwebUrl: {url}\npublishedDateTime: {published:O}\nquality: {quality}\ntopics: {topics}\n{extra}---\n";

    private static async Task<string> IngestAsync(IServiceProvider pipeline, string name, string text)
    {
        var outcome = await pipeline.GetRequiredService<ArticleIngestor>().IngestContentAsync(name, Encoding.UTF8.GetBytes(text), null, CancellationToken.None);
        Assert.True(outcome.State == IngestState.Ingested, $"{name}: {outcome.State} {outcome.Error}");
        return outcome.ArticleId!;
    }

    private static async Task<ArticleScore> ScoreOfAsync(IServiceProvider pipeline, string id) =>
        (await pipeline.GetRequiredService<ArticleStore>().GetSummaryAsync(id, CancellationToken.None))!.Score!;

    private async Task<ServiceProvider> CreateAsync() =>
        await _azurite.CreatePipelineAsync(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(_clock)));
}
