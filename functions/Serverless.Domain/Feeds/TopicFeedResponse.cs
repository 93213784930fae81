namespace Serverless.Domain.Feeds;

/// <summary>The wire shape of a topic feed page in the service's own JSON format (<c>?format=json</c>, the default).</summary>
/// <param name="Next">The absolute URL of the next page; null on the last page.</param>
public sealed record TopicFeedResponse(TopicInfo Topic, IReadOnlyList<FeedItem> Items, string? Next);
