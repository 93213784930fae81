namespace Serverless.Domain.Feeds;

/// <summary>One article as a feed shows it; <see cref="Heat"/> is its heat at the moment of the request.</summary>
public sealed record FeedItem(
    string Id,
    string Title,
    string? Excerpt,
    string? Url,
    DateTimeOffset PublishedDateTime,
    FeedProvider? Provider,
    IReadOnlyList<string> Images,
    double Heat,
    IReadOnlyList<string> Topics,
    string StoryId,
    int StorySize);
