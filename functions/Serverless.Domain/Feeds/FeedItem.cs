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
    int StorySize)
{
    /// <summary>The absolute URL of the item's story page (set by the HTTP layer, which knows the public address).</summary>
    public string? StoryUrl { get; init; }
}
