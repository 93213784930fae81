using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Serverless.Domain.Feeds.Formats;
using Serverless.Functions.Http;

namespace Serverless.Functions.Feeds;

/// <summary>
/// The parameters of a story page request, checked: the format (<c>?format=</c>, else the Accept header: a feed type
/// it names, else HTML when it names <c>text/html</c>, else JSON), <c>?limit=</c> and the opaque <c>?cursor=</c>.
/// </summary>
/// <param name="Format">The feed format; null for HTML.</param>
/// <param name="FormatNamed">Whether the request named its format in the query, so the next page's link names it too.</param>
public sealed record StoryPageRequest(FeedFormatter? Format, bool FormatNamed, int Limit, string? Cursor) : IDocumentedQuery
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
    public const string HtmlFormat = "html";

    public static IReadOnlyList<QueryParameterDescription> QueryParameters { get; } =
    [
        new("limit", "integer", $"Members per page, 1 to {MaxLimit} (default {DefaultLimit})."),
        new("cursor", "string", "Opaque cursor from the previous page's next link."),
        new("format", "string", $"{HtmlFormat}, {FeedFormats.NamesText}; overrides the Accept header.", Allowed: [HtmlFormat, .. FeedFormats.All.Select(f => f.Name)]),
    ];

    /// <summary>Whether the page is the HTML one.</summary>
    public bool IsHtml => Format is null;

    /// <summary>Whether members come newest first: in the feed formats, which readers follow as the story grows.</summary>
    public bool NewestFirst => Format is not null && Format != FeedFormats.Default;

    public static bool TryParse(HttpRequest request, [NotNullWhen(true)] out StoryPageRequest? parsed, [NotNullWhen(false)] out IActionResult? problem)
    {
        var query = request.Query;
        parsed = null;
        var named = query["format"].ToString();
        var accept = request.Headers.Accept.ToString();
        FeedFormatter? format;
        if (named.Length > 0)
        {
            format = string.Equals(named, HtmlFormat, StringComparison.OrdinalIgnoreCase) ? null : FeedFormats.Negotiate(named, accept);
            if (format is null && !string.Equals(named, HtmlFormat, StringComparison.OrdinalIgnoreCase))
            {
                problem = ApiResults.Problem(400, "Unknown format", $"format must be one of {HtmlFormat}, {FeedFormats.NamesText}, not '{ApiResults.Shorten(named)}'.");
                return false;
            }
        }
        else
        {
            format = FeedFormats.Negotiate(null, accept);
            if (format == FeedFormats.Default && !accept.Contains(format.MediaType, StringComparison.OrdinalIgnoreCase) && accept.Contains("text/html", StringComparison.OrdinalIgnoreCase))
            {
                format = null;
            }
        }

        var limit = DefaultLimit;
        if (query.ContainsKey("limit") && (!int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            problem = ApiResults.Problem(400, "Invalid limit", $"limit must be a whole number from 1 to {MaxLimit}, not '{ApiResults.Shorten(query["limit"].ToString())}'.");
            return false;
        }

        var cursor = query["cursor"].ToString();
        parsed = new StoryPageRequest(format, named.Length > 0, limit, cursor.Length > 0 ? cursor : null);
        problem = null;
        return true;
    }

    /// <summary>The link to the page after this one: this request's parameters, with the format by name only when it named one.</summary>
    public Uri NextLink(HttpRequest request, string nextCursor) => RequestLinks.WithQuery(request, new Dictionary<string, string?>
    {
        ["limit"] = Limit == DefaultLimit ? null : Limit.ToString(CultureInfo.InvariantCulture),
        ["format"] = FormatNamed ? Format?.Name ?? HtmlFormat : null,
        ["cursor"] = nextCursor,
    });
}
