using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Serverless.Domain.Feeds;

namespace Serverless.Domain.Feeds.Formats;

/// <summary>
/// Writes a feed page with System.ServiceModel.Syndication, which RSS and Atom share: one syndication feed, written
/// by the format's own formatter, so markup is produced by the XML writer and text is escaped by it.
/// </summary>
internal static class SyndicationWriter
{
    public static byte[] Write(FeedPage page, string selfMediaType, Func<SyndicationFeed, SyndicationFeedFormatter> formatter)
    {
        var links = page.Links;
        var feed = new SyndicationFeed(
            page.Subject.Title,
            page.Subject.Description,
            links.Home,
            links.Self.AbsoluteUri,
            page.Items.Count > 0 ? page.Items.Max(i => i.PublishedDateTime) : DateTimeOffset.UnixEpoch);
        feed.Links.Add(new SyndicationLink(links.Self, "self", null, selfMediaType, 0));
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

            if (item.StoryUrl is { } story)
            {
                // The story page: every outlet's take on the same event.
                entry.Links.Add(new SyndicationLink(new Uri(story), "related", "Full coverage", "text/html", 0));
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
            formatter(feed).WriteTo(writer);
        }

        return stream.ToArray();
    }
}
