using System.Net;
using System.Net.Http.Json;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using Microsoft.OpenApi.Any;
using Microsoft.OpenApi.Models;
using Microsoft.OpenApi.Readers;
using Serverless.Domain.Feeds.Formats;
using Serverless.IntegrationTests.Support;
using Serverless.LocalHost.Catalog;
using Serverless.LocalHost.Http;

namespace Serverless.IntegrationTests.Feeds;

/// <summary>The HTTP endpoints on the local host, over real data (the tests that read it need ../shared).</summary>
public sealed class FeedEndpointTests : IClassFixture<FeedHostFixture>
{
    private readonly FeedHostFixture _fixture;

    public FeedEndpointTests(FeedHostFixture fixture)
    {
        _fixture = fixture;
    }

    private HttpClient Http => _fixture.Http;

    [SharedDataFact]
    public async Task TopicsListCountsAndHottestHeat()
    {
        var topics = (await Http.GetFromJsonAsync<JsonElement>("api/topics")).GetProperty("topics").EnumerateArray().ToList();

        var ai = topics.Single(t => t.GetProperty("id").GetString() == "ai");
        Assert.Equal("AI", ai.GetProperty("name").GetString());
        Assert.True(ai.GetProperty("articleCount").GetInt32() > 0);
        Assert.True(ai.GetProperty("hottestHeat").GetDouble() > 0);
        var ethics = topics.Single(t => t.GetProperty("id").GetString() == "ai-ethics");
        Assert.Equal("ai", ethics.GetProperty("parent").GetString());
    }

    [SharedDataFact]
    public async Task FeedIsHottestFirstAndPagesWithoutGapsOrDuplicates()
    {
        var seen = new List<JsonElement>();
        string? next = "api/topics/ai/feed?limit=7";
        var pages = 0;
        while (next is not null && pages++ < 50)
        {
            var page = await Http.GetFromJsonAsync<JsonElement>(next);
            Assert.Equal("ai", page.GetProperty("topic").GetProperty("id").GetString());
            var items = page.GetProperty("items").EnumerateArray().ToList();
            Assert.True(items.Count <= 7);
            seen.AddRange(items);
            next = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
        }

        var topic = (await Http.GetFromJsonAsync<JsonElement>("api/topics")).GetProperty("topics").EnumerateArray().Single(t => t.GetProperty("id").GetString() == "ai");
        Assert.True(pages > 1);
        Assert.Equal(topic.GetProperty("articleCount").GetInt32(), seen.Count);
        Assert.Equal(seen.Count, seen.Select(i => i.GetProperty("id").GetString()).Distinct().Count());
        var heats = seen.Select(i => i.GetProperty("heat").GetDouble()).ToList();
        Assert.Equal(heats.OrderByDescending(h => h), heats);
        var first = seen[0];
        foreach (var field in new[] { "id", "title", "excerpt", "url", "publishedDateTime", "provider", "images", "heat", "topics", "storyId", "storySize" })
        {
            Assert.True(first.TryGetProperty(field, out _), $"feed item lacks {field}");
        }
    }

    [SharedDataFact]
    public async Task MinHeatFiltersInTheRangeRead()
    {
        var all = (await Http.GetFromJsonAsync<JsonElement>("api/topics/ai/feed?limit=100")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("heat").GetDouble()).ToList();
        var threshold = all[all.Count / 2];

        var hot = (await Http.GetFromJsonAsync<JsonElement>($"api/topics/ai/feed?limit=100&minHeat={threshold.ToString(System.Globalization.CultureInfo.InvariantCulture)}")).GetProperty("items").EnumerateArray().ToList();

        Assert.NotEmpty(hot);
        Assert.True(hot.Count < all.Count);
        Assert.All(hot, i => Assert.True(i.GetProperty("heat").GetDouble() >= threshold - 0.01));
    }

    [SharedDataFact]
    public async Task JsonFeedParsesBackWithNextUrl()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/topics/ai/feed?limit=5");
        request.Headers.Accept.ParseAdd("application/feed+json");
        using var response = await Http.SendAsync(request);

        Assert.Equal("application/feed+json", response.Content.Headers.ContentType!.MediaType);
        var feed = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("https://jsonfeed.org/version/1.1", feed.GetProperty("version").GetString());
        Assert.StartsWith("http://127.0.0.1", feed.GetProperty("next_url").GetString());
        Assert.Equal(5, feed.GetProperty("items").GetArrayLength());
        Assert.All(feed.GetProperty("items").EnumerateArray(), i => Assert.False(string.IsNullOrEmpty(i.GetProperty("id").GetString())));
    }

    [SharedDataTheory]
    [InlineData("rss", "application/rss+xml")]
    [InlineData("atom", "application/atom+xml")]
    public async Task RssAndAtomParseBackWithARealParserAndHaveNextLinks(string format, string mediaType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/topics/ai/feed?limit=5");
        request.Headers.Accept.ParseAdd(mediaType);
        using var response = await Http.SendAsync(request);
        var xml = await response.Content.ReadAsStringAsync();

        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        var feed = SyndicationFeed.Load(reader);
        Assert.Equal(5, feed.Items.Count());
        Assert.Contains(feed.Links, l => l.RelationshipType == "next" && l.Uri.AbsoluteUri.Contains("cursor=", StringComparison.Ordinal));
        var parsed = CodeHollow.FeedReader.FeedReader.ReadFromString(xml);
        Assert.Equal(format == "rss" ? CodeHollow.FeedReader.FeedType.Rss_2_0 : CodeHollow.FeedReader.FeedType.Atom, parsed.Type);
        Assert.Equal(5, parsed.Items.Count);
        Assert.All(parsed.Items, i => Assert.StartsWith("http", i.Link));
    }

    [Fact]
    public async Task EtagAnswers304AndCacheControlIsShort()
    {
        using var first = await Http.GetAsync("api/topics");
        var etag = first.Headers.ETag!;
        Assert.Contains("max-age=", first.Headers.CacheControl!.ToString());

        using var request = new HttpRequestMessage(HttpMethod.Get, "api/topics");
        request.Headers.IfNoneMatch.Add(etag);
        using var second = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("api/topics/ai/feed?limit=0", 400, "limit")]
    [InlineData("api/topics/ai/feed?limit=101", 400, "limit")]
    [InlineData("api/topics/ai/feed?limit=ten", 400, "limit")]
    [InlineData("api/topics/ai/feed?format=xml", 400, "format")]
    [InlineData("api/topics/ai/feed?minHeat=-3", 400, "minHeat")]
    [InlineData("api/topics/ai/feed?cursor=not-a-cursor", 400, "cursor")]
    [InlineData("api/topics/no-such-topic/feed", 404, "topic")]
    [InlineData("api/articles/0123456789abcdef0123456789abcdef", 404, "article")]
    [InlineData("api/articles/..%2F..%2Fetc", 404, "article")]
    public async Task BadRequestsAreProblemJsonThatSayWhatToFix(string url, int status, string mentions)
    {
        using var response = await Http.GetAsync(url);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.Contains(mentions, problem.GetProperty("detail").GetString()!, StringComparison.OrdinalIgnoreCase);
    }

    [SharedDataFact]
    public async Task ACursorFromAnotherTopicOrAlteredIsRefused()
    {
        var page = await Http.GetFromJsonAsync<JsonElement>("api/topics/ai/feed?limit=2");
        var cursor = new Uri(page.GetProperty("next").GetString()!).Query.Split("cursor=")[1];

        using var otherTopic = await Http.GetAsync($"api/topics/ai-ethics/feed?cursor={cursor}");
        var altered = cursor[..^2] + (cursor[^2] == 'A' ? "B" : "A") + cursor[^1];
        using var tampered = await Http.GetAsync($"api/topics/ai/feed?cursor={altered}");

        Assert.Equal(HttpStatusCode.BadRequest, otherTopic.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
    }

    [Theory]
    [InlineData("ai' or PartitionKey ne '")]
    [InlineData("ai%27%20or%20true")]
    [InlineData("' or 1 eq 1 or '")]
    [InlineData("ai') or (PartitionKey gt '")]
    [InlineData("x\" or RowKey ne \"")]
    public async Task OdataOperatorsInTheTopicIdLeakNothing(string topicId)
    {
        using var response = await Http.GetAsync($"api/topics/{Uri.EscapeDataString(topicId)}/feed");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain("\"items\"", await response.Content.ReadAsStringAsync());
    }

    [SharedDataFact]
    public async Task ArticleHasAllItsFieldsAndRelatedList()
    {
        var items = (await Http.GetFromJsonAsync<JsonElement>("api/topics/ai/feed?limit=100")).GetProperty("items").EnumerateArray().ToList();
        JsonElement item = default, article = default;
        foreach (var candidate in items.Where(i => i.GetProperty("storySize").GetInt32() > 1))
        {
            article = await Http.GetFromJsonAsync<JsonElement>($"api/articles/{candidate.GetProperty("id").GetString()}");
            item = candidate;
            if (article.GetProperty("article").GetProperty("related").GetArrayLength() > 0)
            {
                break;
            }
        }

        var id = item.GetProperty("id").GetString();

        Assert.Equal(id, article.GetProperty("article").GetProperty("id").GetString());
        Assert.True(article.GetProperty("article").GetProperty("related").GetArrayLength() > 0);
        Assert.True(article.GetProperty("baseHeat").GetDouble() > 0);
        Assert.InRange(article.GetProperty("heat").GetDouble(), 0, article.GetProperty("baseHeat").GetDouble());
        Assert.Equal(item.GetProperty("storyId").GetString(), article.GetProperty("storyId").GetString());
    }

    [Fact]
    public async Task OpenApiDescribesEveryRouteTheAppServes()
    {
        var json = await Http.GetStringAsync("api/openapi.json");
        var document = new OpenApiStringReader().Read(json, out var diagnostic);

        Assert.Empty(diagnostic.Errors);
        Assert.StartsWith("3.", diagnostic.SpecificationVersion.ToString().Replace("OpenApi", string.Empty, StringComparison.Ordinal).Replace('_', '.'));
        foreach (var function in FunctionCatalog.ForFunctionApp().OfKind(TriggerKind.Http))
        {
            var route = "/" + HttpFunctionEndpoints.RouteOf(function, string.Empty);
            Assert.True(document.Paths.ContainsKey(route), $"{function.Name} ({route}) is not in openapi.json");
        }

        // The feed formats are the registry's: one class each, and the OpenAPI enum derives from it.
        var format = document.Paths["/topics/{topicId}/feed"].Operations[OperationType.Get].Parameters.Single(p => p.Name == "format");
        Assert.Equal(FeedFormats.All.Select(f => f.Name), format.Schema.Enum.Select(e => ((OpenApiString)e).Value));
    }

    [Fact]
    public async Task RescoreNowIsRefusedWithoutTheKey()
    {
        using var response = await Http.PostAsync("api/manage/rescore", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task OversizedRequestsAreRefused()
    {
        using var body = new ByteArrayContent(new byte[2 * 1024 * 1024]);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/manage/rescore") { Content = body };
        request.Headers.Add("x-functions-key", FeedHostFixture.FunctionKey);
        // Expect: 100-continue lets the server refuse before the body is sent, so the client sees the 413 itself
        // rather than a connection the server closed mid-upload.
        request.Headers.ExpectContinue = true;
        using var huge = await Http.SendAsync(request);
        using var longUrl = await Http.GetAsync("api/topics/ai/feed?cursor=" + new string('a', 20_000));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.True((int)longUrl.StatusCode is 414 or 400 or 431, $"got {(int)longUrl.StatusCode}");
    }

    [Fact]
    public async Task NothingServedCarriesActiveContent()
    {
        var json = await Http.GetStringAsync("api/topics/ai-in-robotics/feed?limit=100");
        var rss = await Http.GetStringAsync("api/topics/ai-in-robotics/feed?limit=100&format=rss");
        var html = await Http.GetStringAsync("api/front");

        Assert.Contains("Robots", json);
        Assert.DoesNotContain("<script", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", rss, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", rss, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html);
    }
}
