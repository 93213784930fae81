using System.Diagnostics.CodeAnalysis;

namespace Serverless.Domain.Feeds;

/// <summary>A page of a topic feed with the cursor of the next page already issued, or why there is none.</summary>
/// <param name="NextCursor">The opaque cursor of the next page; null on the last page.</param>
public sealed record TopicFeedResult(TopicFeedOutcome Outcome, TopicInfo? Topic, IReadOnlyList<FeedItem> Items, string? NextCursor)
{
    public static TopicFeedResult NoSuchTopic { get; } = new(TopicFeedOutcome.NoSuchTopic, null, [], null);

    public static TopicFeedResult InvalidCursor { get; } = new(TopicFeedOutcome.InvalidCursor, null, [], null);

    [MemberNotNullWhen(true, nameof(Topic))]
    public bool IsPage => Outcome == TopicFeedOutcome.Page;
}
