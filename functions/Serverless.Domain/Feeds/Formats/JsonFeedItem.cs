namespace Serverless.Domain.Feeds.Formats;

/// <summary>One item of a <see cref="JsonFeedDocument"/>; <see cref="News"/> is this service's extension (<c>_news</c>).</summary>
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
    [property: System.Text.Json.Serialization.JsonPropertyName("_news")] JsonFeedNews News);
