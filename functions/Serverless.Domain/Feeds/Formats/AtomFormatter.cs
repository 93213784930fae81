using System.ServiceModel.Syndication;
using Serverless.Domain.Feeds;

namespace Serverless.Domain.Feeds.Formats;

/// <summary>Atom (RFC 4287), with an RFC 5005 <c>link rel="next"</c> for paging.</summary>
public sealed class AtomFormatter : FeedFormatter
{
    public override string Name => "atom";

    public override string MediaType => "application/atom+xml";

    public override int AcceptPreference => 2;

    public override byte[] Render(FeedPage page) =>
        SyndicationWriter.Write(page, MediaType, feed => new Atom10FeedFormatter(feed));
}
