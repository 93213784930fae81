namespace Serverless.Domain.Feeds.Formats;

/// <summary>The feed formats the service renders. Adding one is a <see cref="FeedFormatter"/> and a line in <see cref="All"/>.</summary>
public static class FeedFormats
{
    /// <summary>Every format, in the order error messages and the OpenAPI description name them.</summary>
    public static IReadOnlyList<FeedFormatter> All { get; } = [new JsonPageFormatter(), new JsonFeedFormatter(), new RssFormatter(), new AtomFormatter()];

    /// <summary>The format served when the request names none that is known by its Accept header.</summary>
    public static FeedFormatter Default { get; } = All[0];

    /// <summary>The names joined for a sentence: "json, jsonfeed, rss or atom".</summary>
    public static string NamesText { get; } = $"{string.Join(", ", All.Take(All.Count - 1).Select(f => f.Name))} or {All[^1].Name}";

    /// <summary>
    /// The format <paramref name="format"/> names (any case), else the most preferred one whose media type the
    /// Accept header names, else <see cref="Default"/>; null when <paramref name="format"/> names no format.
    /// </summary>
    public static FeedFormatter? Negotiate(string? format, string? accept)
    {
        if (!string.IsNullOrEmpty(format))
        {
            var name = format.ToLowerInvariant();
            return All.FirstOrDefault(f => f.Name == name);
        }

        var media = accept ?? string.Empty;
        return All.Where(f => media.Contains(f.MediaType, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(f => f.AcceptPreference)
            .FirstOrDefault() ?? Default;
    }
}
