using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Serverless.IntegrationTests.Support;

namespace Serverless.IntegrationTests.Feeds;

/// <summary>Story pages through the local host: HTML, the feeds as an independent parser reads them, links from topic feeds, caching.</summary>
public sealed partial class StoryEndpointTests : IClassFixture<FeedHostFixture>
{
    private readonly FeedHostFixture _fixture;

    public StoryEndpointTests(FeedHostFixture fixture)
    {
        _fixture = fixture;
    }

    private HttpClient Http => _fixture.Http;

    [SharedDataFact]
    public async Task TopicFeedItemsLinkToTheirStoryInEveryFormat()
    {
        var json = await Http.GetFromJsonAsync<JsonElement>("api/topics/ai/feed?limit=5");
        var item = json.GetProperty("items")[0];
        Assert.Equal(new Uri(Http.BaseAddress!, $"api/stories/{item.GetProperty("storyId").GetString()}").AbsoluteUri, item.GetProperty("storyUrl").GetString());

        var jsonFeed = await Http.GetFromJsonAsync<JsonElement>("api/topics/ai/feed?limit=5&format=jsonfeed");
        Assert.All(jsonFeed.GetProperty("items").EnumerateArray(), i => Assert.Contains("/api/stories/", i.GetProperty("_news").GetProperty("storyUrl").GetString(), StringComparison.Ordinal));
        foreach (var format in new[] { "rss", "atom" })
        {
            using var response = await Http.GetAsync($"api/topics/ai/feed?limit=5&format={format}");
            var parsed = await FeedParser.ParseAsync(await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType!.MediaType!);
            Assert.All(parsed.GetProperty("entries").EnumerateArray(), e => Assert.Contains(
                e.GetProperty("links").EnumerateArray(),
                l => l.GetProperty("rel").GetString() == "related" && l.GetProperty("href").GetString()!.Contains("/api/stories/", StringComparison.Ordinal)));
        }
    }

    [SharedDataFact]
    public async Task TheSampleStoryPageIsHtmlWithItsTimelineAndItsFeedsParseNewestFirst()
    {
        var storyUrl = await SampleStoryUrlAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, storyUrl);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        using var response = await Http.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Matches(@"\d+ articles from \d+ outlets", html);
        Assert.Contains("first reported by", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("/api/front#topic-", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.All(ImageSources().Matches(html), m => Assert.StartsWith("https://", m.Groups[1].Value, StringComparison.Ordinal));

        var story = await Http.GetFromJsonAsync<JsonElement>(storyUrl + "?limit=200");
        var members = story.GetProperty("members").GetArrayLength();
        // Debian's feedparser (6.0) reads RSS and Atom; JSON Feed is checked as plain JSON below.
        foreach (var format in new[] { "rss", "atom" })
        {
            using var feed = await Http.GetAsync($"{storyUrl}?format={format}&limit=200");
            var parsed = await FeedParser.ParseAsync(await feed.Content.ReadAsStringAsync(), feed.Content.Headers.ContentType!.MediaType!);
            Assert.False(parsed.GetProperty("bozo").GetBoolean(), $"feedparser found the {format} feed malformed");
            var entries = parsed.GetProperty("entries").EnumerateArray().ToList();
            Assert.Equal(members, entries.Count);
            var dates = entries.Select(e => DateTimeOffset.Parse(e.GetProperty("published").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(dates.OrderDescending(), dates);
            Assert.All(entries, e => Assert.StartsWith("http", e.GetProperty("link").GetString()!, StringComparison.Ordinal));
        }

        var jsonFeed = await Http.GetFromJsonAsync<JsonElement>($"{storyUrl}?format=jsonfeed&limit=200");
        var published = jsonFeed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("date_published").GetDateTimeOffset()).ToList();
        Assert.Equal(members, published.Count);
        Assert.Equal(published.OrderDescending(), published);
    }

    [SharedDataFact]
    public async Task AStoryPageAnswers304ToItsETagAndIsCachedBriefly()
    {
        var storyUrl = await SampleStoryUrlAsync();
        using var first = await Http.GetAsync(storyUrl);
        using var again = new HttpRequestMessage(HttpMethod.Get, storyUrl);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await Http.SendAsync(again);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.StartsWith("public, max-age=", first.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostileTitlesRenderInertOnTheStoryPageAndInEveryFeedFormat()
    {
        var feed = await Http.GetFromJsonAsync<JsonElement>("api/topics/ai-in-robotics/feed?limit=100");
        var hostile = feed.GetProperty("items").EnumerateArray().First(i => i.GetProperty("title").GetString()!.Contains("<script>", StringComparison.Ordinal));
        var storyUrl = hostile.GetProperty("storyUrl").GetString()!;
        var html = await Http.GetStringAsync(storyUrl + "?format=html");

        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        foreach (var body in new[] { html, await Http.GetStringAsync(storyUrl), await Http.GetStringAsync(storyUrl + "?format=jsonfeed"), await Http.GetStringAsync(storyUrl + "?format=rss"), await Http.GetStringAsync(storyUrl + "?format=atom") })
        {
            Assert.DoesNotContain("<script", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("javascript:", body, StringComparison.OrdinalIgnoreCase);
        }
    }

    private async Task<string> SampleStoryUrlAsync() => new Uri(Http.BaseAddress!, $"api/stories/{await _fixture.SampleStoryIdAsync()}").AbsoluteUri;

    [GeneratedRegex("<img[^>]* src=\"([^\"]*)\"")]
    private static partial Regex ImageSources();
}
