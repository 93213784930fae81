using System.ServiceModel.Syndication;
using Serverless.Domain.Feeds;

namespace Serverless.Domain.Feeds.Formats;

/// <summary>RSS 2.0, with an RFC 5005 <c>atom:link rel="next"</c> for paging.</summary>
public sealed class RssFormatter : FeedFormatter
{
    public override string Name => "rss";

    public override string MediaType => "application/rss+xml";

    public override int AcceptPreference => 1;

    public override byte[] Render(FeedPage page) =>
        SyndicationWriter.Write(page, MediaType, feed => new Rss20FeedFormatter(feed, serializeExtensionsAsAtom: true));
}
