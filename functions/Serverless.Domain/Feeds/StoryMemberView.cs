using Serverless.Domain.Scoring;

namespace Serverless.Domain.Feeds;

/// <summary>
/// One member of a story as its page shows it. An ingested article has its id, excerpt, quality, heat (now) and topics;
/// an entry known only from related lists has none of those (null, and no topics).
/// </summary>
/// <param name="Reason">Why it is in the story: <c>kind</c>, <c>via</c> (the article it joined through) and, for text joins, <c>similarity</c>.</param>
public sealed record StoryMemberView(
    string? Id,
    string? Title,
    string? Excerpt,
    string? Url,
    FeedProvider? Provider,
    DateTimeOffset? PublishedDateTime,
    int? Quality,
    double? Heat,
    IReadOnlyList<string> Topics,
    IReadOnlyList<string> Images,
    StoryJoinReason? Reason);
