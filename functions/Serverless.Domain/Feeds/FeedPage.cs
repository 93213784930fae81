namespace Serverless.Domain.Feeds;

/// <summary>One page of a topic feed and the cursor of the next page, if there is one.</summary>
public sealed record FeedPage(TopicInfo Topic, IReadOnlyList<FeedItem> Items, string? NextCursor);
