using System.Text.Json.Serialization;

namespace Serverless.Domain.Feeds.Formats;

/// <summary>
/// This service's extension of a JSON Feed item, under the one custom key <c>_news</c> (JSON Feed 1.1: custom keys
/// start with an underscore, so readers that do not know them ignore them). Its members are camelCase like the JSON API.
/// </summary>
public sealed record JsonFeedNews(
    [property: JsonPropertyName("heat")] double Heat,
    [property: JsonPropertyName("storyId")] string StoryId,
    [property: JsonPropertyName("storySize")] int StorySize,
    [property: JsonPropertyName("storyUrl")] string? StoryUrl,
    [property: JsonPropertyName("topics")] IReadOnlyList<string> Topics);
