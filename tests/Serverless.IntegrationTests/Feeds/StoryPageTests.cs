using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Serverless.Domain.Ingestion;
using Serverless.Domain.Rescoring;
using Serverless.Domain.Stores;
using Serverless.IntegrationTests.Support;

namespace Serverless.IntegrationTests.Feeds;

/// <summary>Story pages against a real Azurite: the samples' story, the July 2023 stories apart, merges, removals.</summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class StoryPageTests
{
    private static readonly DateTimeOffset Now = new(2023, 8, 10, 12, 0, 0, TimeSpan.Zero);
    private readonly AzuriteFixture _azurite;

    public StoryPageTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [SharedDataFact]
    public async Task TheSamplesGiveOneStoryPageAndTheJulyStoriesHaveTheirOwn()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync(FakeClock);
        var ids = await IngestAsync(pipeline, RepositoryPaths.Samples);
        var samples = Directory.GetFiles(RepositoryPaths.Samples).Select(f => ids[Path.GetFileName(f)]).ToHashSet(StringComparer.Ordinal);
        var storyId = await StoryOf(pipeline, samples.First());

        var answer = await StoryRequests.GetAsync(pipeline, storyId, "limit=200");
        Assert.True(answer.Status == 200, $"{answer.Status}: {answer.Body}");
        var story = JsonDocument.Parse(answer.Body).RootElement;
        Assert.Equal((16, 14), (story.GetProperty("articles").GetInt32(), story.GetProperty("outlets").GetInt32()));
        var members = story.GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(16, members.Count);
        var ingested = members.Where(m => m.GetProperty("id").ValueKind == JsonValueKind.String).ToList();
        Assert.Equal(samples.Order(StringComparer.Ordinal), ingested.Select(m => m.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(members.Except(ingested), m => Assert.StartsWith("http", m.GetProperty("url").GetString()!, StringComparison.Ordinal));

        // The lead: the highest quality ingested member, the earliest of equals; the headline is its title.
        var lead = ingested.OrderByDescending(m => m.GetProperty("quality").GetInt32()).ThenBy(m => m.GetProperty("publishedDateTime").GetDateTimeOffset()).First();
        Assert.Equal(lead.GetProperty("id").GetString(), story.GetProperty("lead").GetProperty("id").GetString());
        Assert.Equal(lead.GetProperty("title").GetString(), story.GetProperty("headline").GetString());
        Assert.Equal(lead.GetProperty("id").GetString(), members[0].GetProperty("id").GetString());

        // First reported: the earliest member, related-only entries included (those are named by URL).
        var first = members.Where(m => m.GetProperty("publishedDateTime").ValueKind == JsonValueKind.String).MinBy(m => m.GetProperty("publishedDateTime").GetDateTimeOffset());
        var reported = story.GetProperty("firstReported");
        Assert.Equal(first.GetProperty("publishedDateTime").GetDateTimeOffset(), reported.GetProperty("publishedDateTime").GetDateTimeOffset());
        Assert.Equal(first.GetProperty("id").GetString() ?? first.GetProperty("url").GetString(), reported.GetProperty("article").GetString());

        // One member per outlet first: the outlets of the leading members are distinct.
        var outlets = members.Select(m => m.GetProperty("provider").ValueKind == JsonValueKind.Object ? m.GetProperty("provider").GetProperty("domain").GetString() ?? m.GetProperty("provider").GetProperty("name").GetString() : null).ToList();
        var distinctLead = outlets.TakeWhile((o, i) => o is null || outlets.Take(i).All(p => !string.Equals(p, o, StringComparison.OrdinalIgnoreCase))).Count();
        Assert.True(distinctLead >= 13, $"only the first {distinctLead} members have distinct outlets");

        // Why each member is here: the story starts from one, every other joined through an ingested member.
        var reasons = members.Select(m => m.GetProperty("reason")).ToList();
        Assert.Single(reasons, r => r.GetProperty("kind").GetString() == "first");
        foreach (var reason in reasons.Where(r => r.GetProperty("kind").GetString() != "first"))
        {
            Assert.Contains(reason.GetProperty("kind").GetString(), new[] { "cited-by", "cites", "shares-related", "text" });
            Assert.Contains(reason.GetProperty("via").GetString()!, samples);
            Assert.Equal(reason.GetProperty("kind").GetString() == "text", reason.GetProperty("similarity").ValueKind == JsonValueKind.Number);
        }

        Assert.Contains(reasons, r => r.GetProperty("kind").GetString() == "cited-by");
        Assert.True(story.GetProperty("timeline").GetArrayLength() > 0);
        Assert.Equal(16, story.GetProperty("timeline").EnumerateArray().Sum(b => b.GetProperty("members").GetInt32()) + members.Count(m => m.GetProperty("publishedDateTime").ValueKind == JsonValueKind.Null));

        // The July 2023 stories of the corpus: each its own page, none listing another's articles.
        foreach (var (file, id) in await IngestAsync(pipeline, RepositoryPaths.Corpus))
        {
            ids[file] = id;
        }

        string Story(string prefix) => ids.Single(f => f.Key.StartsWith(prefix, StringComparison.Ordinal)).Value;
        var july = new[] { "2023-07-19-meta-has-launched-a-new-open-source-ai", "2023-07-21-the-white-house-and-big-tech-companies", "2023-08-09-openai-just-admitted-it-has-a-bot" };
        var pages = new List<HashSet<string>> { samples };
        foreach (var prefix in july)
        {
            var page = JsonDocument.Parse((await StoryRequests.GetAsync(pipeline, await StoryOf(pipeline, Story(prefix)), "limit=200")).Body).RootElement;
            var articles = page.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("id").GetString()).OfType<string>().ToHashSet(StringComparer.Ordinal);
            Assert.Contains(Story(prefix), articles);
            Assert.All(pages, other => Assert.Empty(other.Intersect(articles)));
            pages.Add(articles);
        }
    }

    [Fact]
    public async Task AMergedStoryAnswers301ToItsSurvivorAndAStoryWithoutMembers410()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync(FakeClock);
        var rescore = pipeline.GetRequiredService<RescoreRunner>();
        var a = await StoryArticles.IngestAsync(pipeline, "a", "Quantum chips ship", "2023-08-01T09:00:00Z");
        await StoryArticles.IngestAsync(pipeline, "a2", "Orchards flourish in spring", "2023-08-01T09:30:00Z", "a");
        var b = await StoryArticles.IngestAsync(pipeline, "b", "Harbour cranes idle", "2023-08-01T10:00:00Z");
        var lone = await StoryArticles.IngestAsync(pipeline, "lone", "Comets streak past", "2023-08-01T10:30:00Z");
        await rescore.RunAsync(CancellationToken.None);
        var (larger, smaller, alone) = (await StoryOf(pipeline, a), await StoryOf(pipeline, b), await StoryOf(pipeline, lone));
        var before = await StoryRequests.GetAsync(pipeline, larger);

        // Two outlets link the two stories: independent evidence, so they merge.
        await StoryArticles.IngestFromAsync(pipeline, "roundup.example", "c", "Glaciers retreat quietly", "2023-08-01T11:00:00Z", "a", "b");
        await StoryArticles.IngestFromAsync(pipeline, "digest.example", "d", "Kelp forests return", "2023-08-01T11:10:00Z", "a", "b");
        await StoryArticles.RemoveAsync(pipeline, lone);
        await rescore.RunAsync(CancellationToken.None);

        var moved = await StoryRequests.GetAsync(pipeline, smaller, "format=rss");
        Assert.Equal(301, moved.Status);
        Assert.Equal($"http://news.test/api/stories/{larger}?format=rss", moved.Headers.Location.ToString());
        var survivor = await StoryRequests.GetAsync(pipeline, larger);
        Assert.Equal(200, survivor.Status);
        Assert.Equal(5, JsonDocument.Parse(survivor.Body).RootElement.GetProperty("articles").GetInt32());
        Assert.NotEqual(before.Headers.ETag.ToString(), survivor.Headers.ETag.ToString());

        var gone = await StoryRequests.GetAsync(pipeline, alone);
        Assert.Equal(410, gone.Status);
        Assert.StartsWith("application/problem+json", gone.Headers.ContentType.ToString(), StringComparison.Ordinal);
        Assert.Equal(404, (await StoryRequests.GetAsync(pipeline, new string('0', 32))).Status);
        Assert.Equal(404, (await StoryRequests.GetAsync(pipeline, "not-a-story")).Status);
        Assert.Equal(400, (await StoryRequests.GetAsync(pipeline, larger, "cursor=forged")).Status);
        Assert.Equal(400, (await StoryRequests.GetAsync(pipeline, larger, "limit=201")).Status);

        // A story's listing rows follow it: the absorbed story and the one left empty leave their topic's list.
        var listed = await pipeline.GetRequiredService<StoryStore>().ReadListingsAsync("ai", 50, CancellationToken.None);
        Assert.Equal([larger], listed.Select(h => h.StoryId));
        Assert.Equal(0, (await rescore.RunAsync(CancellationToken.None)).Writes);
    }

    [Fact]
    public async Task PagingThroughA5000MemberStoryInJsonAndHtmlYieldsEveryMemberOnce()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync(FakeClock);
        var storyId = await LargeStory.WriteAsync(pipeline, 5000, Now.AddDays(-2));

        var json = new List<string>();
        var query = "limit=200";
        var pages = 0;
        do
        {
            var page = JsonDocument.Parse((await StoryRequests.GetAsync(pipeline, storyId, query)).Body).RootElement;
            Assert.Equal(5000, page.GetProperty("articles").GetInt32());
            json.AddRange(page.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("url").GetString()!));
            query = page.GetProperty("next").GetString() is { } next ? StoryRequests.QueryOf(next) : string.Empty;
            pages++;
        }
        while (query.Length > 0);

        Assert.Equal(25, pages);
        Assert.Equal(5000, json.Count);
        Assert.Equal(5000, json.Distinct(StringComparer.Ordinal).Count());
        // One member per outlet first (1,666 outlets), by quality: then the rest.
        Assert.Equal(1666, json.Take(1666).Select(u => new Uri(u).Host).Distinct().Count());

        var html = new List<string>();
        query = "format=html&limit=200";
        do
        {
            var body = (await StoryRequests.GetAsync(pipeline, storyId, query)).Body;
            html.AddRange(MemberLinks().Matches(body).Select(m => m.Groups[1].Value));
            var next = NextLink().Match(body);
            query = next.Success ? StoryRequests.QueryOf(System.Net.WebUtility.HtmlDecode(next.Groups[1].Value)) : string.Empty;
        }
        while (query.Length > 0);

        Assert.Equal(json, html);
    }

    private static async Task<Dictionary<string, string>> IngestAsync(IServiceProvider pipeline, string folder)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(folder))
        {
            var outcome = await pipeline.GetRequiredService<ArticleIngestor>().IngestContentAsync(Path.GetFileName(file), await File.ReadAllBytesAsync(file), null, CancellationToken.None);
            ids[Path.GetFileName(file)] = outcome.ArticleId!;
        }

        await pipeline.GetRequiredService<RescoreRunner>().RunAsync(CancellationToken.None);
        return ids;
    }

    private static void FakeClock(IServiceCollection services) => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(new FakeTimeProvider(Now)));

    private static async Task<string> StoryOf(IServiceProvider pipeline, string articleId) =>
        (await pipeline.GetRequiredService<ArticleStore>().GetSummaryAsync(articleId, CancellationToken.None))!.Score!.StoryId;

    [GeneratedRegex("<li><a href=\"([^\"]+)\"")]
    private static partial Regex MemberLinks();

    [GeneratedRegex("<a href=\"([^\"]+)\" rel=\"next\">")]
    private static partial Regex NextLink();
}
