using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using Serverless.Domain.Feeds;
using Serverless.Domain.Feeds.Formats;

namespace Serverless.UnitTests.Feeds;

/// <summary>The registry of feed formats: negotiation, the names it lists, and that each formatter renders its own media type.</summary>
public sealed class FeedFormatsTests
{
    [Fact]
    public void EveryFormatterIsListed()
    {
        var formatters = typeof(FeedFormatter).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(FeedFormatter)) && !t.IsAbstract);

        Assert.Equal(formatters.OrderBy(t => t.Name), FeedFormats.All.Select(f => f.GetType()).OrderBy(t => t.Name));
    }

    [Fact]
    public void NamesAndMediaTypesAreDistinctAndNamesLowerCase()
    {
        Assert.Equal(FeedFormats.All.Count, FeedFormats.All.Select(f => f.Name).Distinct().Count());
        Assert.Equal(FeedFormats.All.Count, FeedFormats.All.Select(f => f.MediaType).Distinct().Count());
        Assert.Equal(FeedFormats.All.Count, FeedFormats.All.Select(f => f.AcceptPreference).Distinct().Count());
        Assert.All(FeedFormats.All, f => Assert.Equal(f.Name.ToLowerInvariant(), f.Name));
    }

    [Fact]
    public void NamesTextListsEveryFormatInOrder() =>
        Assert.Equal("json, jsonfeed, rss or atom", FeedFormats.NamesText);

    [Theory]
    [InlineData("json", null, "json")]
    [InlineData("JSONFEED", null, "jsonfeed")]
    [InlineData("Rss", "application/atom+xml", "rss")]
    [InlineData("atom", null, "atom")]
    [InlineData(null, null, "json")]
    [InlineData("", "application/feed+json", "jsonfeed")]
    [InlineData(null, "application/rss+xml", "rss")]
    [InlineData(null, "application/rss+xml, application/atom+xml;q=0.9, */*;q=0.8", "atom")]
    [InlineData(null, "application/json, application/rss+xml", "rss")]
    [InlineData(null, "application/atom+xml, application/feed+json", "jsonfeed")]
    [InlineData(null, "APPLICATION/ATOM+XML", "atom")]
    [InlineData(null, "text/html, */*", "json")]
    public void NegotiatesByNameElseByAccept(string? format, string? accept, string expected) =>
        Assert.Equal(expected, FeedFormats.Negotiate(format, accept)!.Name);

    [Theory]
    [InlineData("xml")]
    [InlineData("json ")]
    [InlineData("application/rss+xml")]
    public void AnUnknownNameIsNoFormat(string format) =>
        Assert.Null(FeedFormats.Negotiate(format, "application/rss+xml"));

    [Fact]
    public void EachFormatRendersAPageInItsOwnMediaType()
    {
        var page = SamplePage();

        using var json = JsonDocument.Parse(new JsonPageFormatter().Render(page));
        using var jsonFeed = JsonDocument.Parse(new JsonFeedFormatter().Render(page));
        var rss = Load(new RssFormatter().Render(page));
        var atom = Load(new AtomFormatter().Render(page));

        Assert.Equal("ai", json.RootElement.GetProperty("topic").GetProperty("id").GetString());
        Assert.Equal("https://feeds.example/api/topics/ai/feed?cursor=n", json.RootElement.GetProperty("next").GetString());
        Assert.Equal("https://jsonfeed.org/version/1.1", jsonFeed.RootElement.GetProperty("version").GetString());
        Assert.Equal("AI — hottest news", jsonFeed.RootElement.GetProperty("title").GetString());
        Assert.Equal("https://feeds.example/api/topics/ai/feed?cursor=n", jsonFeed.RootElement.GetProperty("next_url").GetString());
        foreach (var feed in new[] { rss, atom })
        {
            Assert.Equal("AI — hottest news", feed.Title.Text);
            Assert.Equal("Robots <b>learn</b>", Assert.Single(feed.Items).Title.Text);
            Assert.Contains(feed.Links, l => l.RelationshipType == "next" && l.Uri.AbsoluteUri.EndsWith("cursor=n", StringComparison.Ordinal));
        }

        Assert.Contains(rss.Links, l => l.RelationshipType == "self" && l.MediaType == "application/rss+xml");
        Assert.Contains(atom.Links, l => l.RelationshipType == "self" && l.MediaType == "application/atom+xml");
    }

    private static SyndicationFeed Load(byte[] xml)
    {
        using var reader = XmlReader.Create(new MemoryStream(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        return SyndicationFeed.Load(reader);
    }

    private static FeedPage SamplePage()
    {
        var item = new FeedItem(
            "0123456789abcdef0123456789abcdef",
            "Robots <b>learn</b>",
            "An excerpt",
            "https://news.example/robots",
            new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero),
            new FeedProvider("Example News", "news.example"),
            [],
            51.5,
            ["ai"],
            "0123456789abcdef0123456789abcdef",
            1);
        var links = new FeedLinks(new Uri("https://feeds.example/api/topics/ai/feed"), new Uri("https://feeds.example/api/topics/ai/feed?cursor=n"), new Uri("https://feeds.example/api/front"));
        return new FeedPage(new TopicFeedSubject(new TopicInfo("ai", "AI", null, 1, 51.5)), [item], links);
    }
}
