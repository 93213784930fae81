using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Xml;

namespace Serverless.Domain.Feeds;

/// <summary>
/// Renders a feed page as the service's JSON, JSON Feed 1.1, RSS 2.0 or Atom (RFC 4287). RSS and Atom are written by
/// System.ServiceModel.Syndication, with RFC 5005 <c>next</c> links; text is escaped by the writers, never
/// concatenated into markup.
/// </summary>
public static class FeedRenderer
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private static readonly JsonSerializerOptions JsonFeedOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Picks a format from <c>?format=</c>, else from the Accept header; null when <c>format</c> names none.</summary>
    public static FeedFormat? Negotiate(string? format, string? accept)
    {
        if (!string.IsNullOrEmpty(format))
        {
            return format.ToLowerInvariant() switch
            {
                "json" => FeedFormat.Json,
                "jsonfeed" => FeedFormat.JsonFeed,
                "rss" => FeedFormat.Rss,
                "atom" => FeedFormat.Atom,
                _ => null,
            };
        }

        var media = accept ?? string.Empty;
        if (media.Contains("application/feed+json", StringComparison.OrdinalIgnoreCase))
        {
            return FeedFormat.JsonFeed;
        }

        if (media.Contains("application/atom+xml", StringComparison.OrdinalIgnoreCase))
        {
            return FeedFormat.Atom;
        }

        if (media.Contains("application/rss+xml", StringComparison.OrdinalIgnoreCase))
        {
            return FeedFormat.Rss;
        }

        return FeedFormat.Json;
    }

    public static RenderedFeed Render(FeedFormat format, FeedPage page, FeedLinks links) => format switch
    {
        FeedFormat.JsonFeed => new(JsonFeed(page, links), "application/feed+json; charset=utf-8"),
        FeedFormat.Rss => new(Syndication(page, links, atom: false), "application/rss+xml; charset=utf-8"),
        FeedFormat.Atom => new(Syndication(page, links, atom: true), "application/atom+xml; charset=utf-8"),
        _ => new(JsonSerializer.SerializeToUtf8Bytes(new { topic = page.Topic, items = page.Items, next = links.Next?.AbsoluteUri }, Json), "application/json; charset=utf-8"),
    };

    private static byte[] JsonFeed(FeedPage page, FeedLinks links)
    {
        var feed = new
        {
            Version = "https://jsonfeed.org/version/1.1",
            Title = $"{page.Topic.Name} — hottest news",
            HomePageUrl = links.Home.AbsoluteUri,
            FeedUrl = links.Self.AbsoluteUri,
            NextUrl = links.Next?.AbsoluteUri,
            Items = page.Items.Select(item => new
            {
                item.Id,
                item.Url,
                item.Title,
                Summary = item.Excerpt,
                ContentText = item.Excerpt ?? item.Title,
                Image = item.Images.FirstOrDefault(),
                DatePublished = item.PublishedDateTime,
                Authors = item.Provider?.Name is { } name ? new[] { new { Name = name } } : null,
                Tags = item.Topics,
                Heat = item.Heat,
            }),
        };
        return JsonSerializer.SerializeToUtf8Bytes(feed, JsonFeedOptions);
    }

    private static byte[] Syndication(FeedPage page, FeedLinks links, bool atom)
    {
        var feed = new SyndicationFeed(
            $"{page.Topic.Name} — hottest news",
            $"Published articles about {page.Topic.Name}, hottest first.",
            links.Home,
            links.Self.AbsoluteUri,
            page.Items.Count > 0 ? page.Items.Max(i => i.PublishedDateTime) : DateTimeOffset.UnixEpoch);
        feed.Links.Add(new SyndicationLink(links.Self, "self", null, atom ? "application/atom+xml" : "application/rss+xml", 0));
        if (links.Next is { } next)
        {
            feed.Links.Add(new SyndicationLink(next, "next", null, null, 0));
        }

        feed.Authors.Add(new SyndicationPerson { Name = "Serverless news pipeline" });
        feed.Items = page.Items.Select(item =>
        {
            var entry = new SyndicationItem(item.Title, item.Excerpt ?? item.Title, item.Url is null ? null : new Uri(item.Url), $"urn:article:{item.Id}", item.PublishedDateTime)
            {
                PublishDate = item.PublishedDateTime,
            };
            if (item.Provider?.Name is { } provider)
            {
                entry.Authors.Add(new SyndicationPerson { Name = provider });
            }

            foreach (var topic in item.Topics)
            {
                entry.Categories.Add(new SyndicationCategory(topic));
            }

            return entry;
        }).ToList();

        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            SyndicationFeedFormatter formatter = atom ? new Atom10FeedFormatter(feed) : new Rss20FeedFormatter(feed, serializeExtensionsAsAtom: true);
            formatter.WriteTo(writer);
        }

        return stream.ToArray();
    }
}
