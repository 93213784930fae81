using System.Text.Json;

namespace Serverless.Domain.Stores;

/// <summary>One outlet's headline on a story, as lists of stories show it.</summary>
/// <param name="Id">The member's id (an article id when ingested).</param>
/// <param name="Title">The headline.</param>
/// <param name="Url">Its link, if any.</param>
/// <param name="Outlet">The outlet's name or domain.</param>
/// <param name="ImageUrl">Its image, if any.</param>
/// <param name="Published">When it was published, if known.</param>
public sealed record StoryHeadline(string Id, string? Title, string? Url, string? Outlet, string? ImageUrl, DateTimeOffset? Published)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Headlines as one column holds them (JSON), so a head compares by value.</summary>
    public static string Format(IEnumerable<StoryHeadline> headlines) => JsonSerializer.Serialize(headlines.ToList(), Json);

    public static IReadOnlyList<StoryHeadline> Parse(string? text) =>
        string.IsNullOrEmpty(text) ? [] : JsonSerializer.Deserialize<List<StoryHeadline>>(text, Json) ?? [];
}
