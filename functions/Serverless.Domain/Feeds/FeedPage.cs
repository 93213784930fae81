namespace Serverless.Domain.Feeds;

/// <summary>
/// One page of a feed, ready for any format (see <see cref="Formats.FeedFormats"/>): what it lists, its items and
/// the links it refers to.
/// </summary>
public sealed record FeedPage(FeedSubject Subject, IReadOnlyList<FeedItem> Items, FeedLinks Links);
