using System.Text.Json;
using Serverless.Domain.Feeds;
using Serverless.Domain.Feeds.Formats;
using Xunit;

namespace Serverless.UnitTests.Feeds;

/// <summary>JSON Feed 1.1: every key is one the spec defines, or a custom key starting with an underscore.</summary>
public sealed class JsonFeedSpecKeysTests
{
    // https://jsonfeed.org/version/1.1 — top-level and item keys.
    private static readonly HashSet<string> FeedKeys =
    [
        "version", "title", "home_page_url", "feed_url", "description", "user_comment", "next_url", "icon", "favicon",
        "authors", "author", "language", "expired", "hubs", "items",
    ];

    private static readonly HashSet<string> ItemKeys =
    [
        "id", "url", "external_url", "title", "content_html", "content_text", "summary", "image", "banner_image",
        "date_published", "date_modified", "authors", "author", "tags", "language", "attachments",
    ];

    [Fact]
    public void EveryKeyIsTheSpecsOrAnExtension()
    {
        using var feed = JsonDocument.Parse(new JsonFeedFormatter().Render(SamplePage()));

        AssertKeys(feed.RootElement, FeedKeys);
        var items = feed.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.All(items, item => AssertKeys(item, ItemKeys));
    }

    [Fact]
    public void ThePipelinesFieldsAreUnderNews()
    {
        using var feed = JsonDocument.Parse(new JsonFeedFormatter().Render(SamplePage()));
        var news = feed.RootElement.GetProperty("items")[0].GetProperty("_news");

        Assert.Equal(51.5, news.GetProperty("heat").GetDouble());
        Assert.Equal("story-1", news.GetProperty("storyId").GetString());
        Assert.Equal(3, news.GetProperty("storySize").GetInt32());
        Assert.Equal(["ai", "robotics"], news.GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
    }

    private static void AssertKeys(JsonElement element, HashSet<string> allowed)
    {
        foreach (var property in element.EnumerateObject())
        {
            Assert.True(allowed.Contains(property.Name) || property.Name.StartsWith('_'), $"'{property.Name}' is neither a JSON Feed 1.1 key nor a custom key starting with '_'.");
        }
    }

    private static FeedPage SamplePage()
    {
        FeedItem Item(string id, string? url, FeedProvider? provider, IReadOnlyList<string> images) => new(
            id, "Robots learn", "An excerpt", url, new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero), provider, images, 51.5, ["ai", "robotics"], "story-1", 3);
        var links = new FeedLinks(new Uri("https://feeds.example/api/topics/ai/feed"), new Uri("https://feeds.example/api/topics/ai/feed?cursor=n"), new Uri("https://feeds.example/api/front"));
        return new FeedPage(
            new TopicFeedSubject(new TopicInfo("ai", "AI", null, 2, 51.5)),
            [Item("a1", "https://news.example/robots", new FeedProvider("Example News", "news.example"), ["https://news.example/i.png"]), Item("a2", null, null, [])],
            links);
    }
}
