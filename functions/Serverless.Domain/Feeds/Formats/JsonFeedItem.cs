namespace Serverless.Domain.Feeds.Formats;

/// <summary>One item of a <see cref="JsonFeedDocument"/>; <see cref="Heat"/> is this service's extension.</summary>
public sealed record JsonFeedItem(
    string Id,
    string? Url,
    string Title,
    string? Summary,
    string ContentText,
    string? Image,
    DateTimeOffset DatePublished,
    IReadOnlyList<JsonFeedAuthor>? Authors,
    IReadOnlyList<string> Tags,
    double Heat);
