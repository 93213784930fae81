using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Serverless.Domain.Feeds.Formats;
using Serverless.Functions.Http;

namespace Serverless.Functions.Feeds;

/// <summary>
/// The parameters of a topic feed request, checked: the format (<c>?format=</c>, else the Accept header),
/// <c>?limit=</c>, <c>?minHeat=</c> and the opaque <c>?cursor=</c> (checked against its topic later, by
/// <see cref="Domain.Feeds.TopicFeedService"/>).
/// </summary>
/// <param name="FormatNamed">Whether the request named its format in the query, so the next page's link names it too.</param>
public sealed record TopicFeedRequest(FeedFormatter Format, bool FormatNamed, int Limit, double? MinHeat, string? Cursor) : IDocumentedQuery
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static IReadOnlyList<QueryParameterDescription> QueryParameters { get; } =
    [
        new("limit", "integer", $"Items per page, 1 to {MaxLimit} (default {DefaultLimit})."),
        new("cursor", "string", "Opaque cursor from the previous page's next link."),
        new("minHeat", "number", "Only articles with at least this heat now."),
        new("format", "string", $"{FeedFormats.NamesText}; overrides the Accept header.", Allowed: [.. FeedFormats.All.Select(f => f.Name)]),
    ];

    /// <summary>The request's parameters, or the problem naming the first one that is wrong (format, limit, minHeat).</summary>
    public static bool TryParse(HttpRequest request, [NotNullWhen(true)] out TopicFeedRequest? parsed, [NotNullWhen(false)] out IActionResult? problem)
    {
        var query = request.Query;
        parsed = null;
        var format = FeedFormats.Negotiate(query["format"].ToString(), request.Headers.Accept.ToString());
        if (format is null)
        {
            problem = ApiResults.Problem(400, "Unknown format", $"format must be one of {FeedFormats.NamesText}, not '{ApiResults.Shorten(query["format"].ToString())}'.");
            return false;
        }

        var limit = DefaultLimit;
        if (query.ContainsKey("limit") && (!int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            problem = ApiResults.Problem(400, "Invalid limit", $"limit must be a whole number from 1 to {MaxLimit}, not '{ApiResults.Shorten(query["limit"].ToString())}'.");
            return false;
        }

        double? minHeat = null;
        if (query.ContainsKey("minHeat"))
        {
            if (!double.TryParse(query["minHeat"], NumberStyles.Float, CultureInfo.InvariantCulture, out var heat) || !double.IsFinite(heat) || heat < 0)
            {
                problem = ApiResults.Problem(400, "Invalid minHeat", $"minHeat must be a number of at least 0, not '{ApiResults.Shorten(query["minHeat"].ToString())}'.");
                return false;
            }

            minHeat = heat;
        }

        var cursor = query["cursor"].ToString();
        parsed = new TopicFeedRequest(format, query.ContainsKey("format"), limit, minHeat, cursor.Length > 0 ? cursor : null);
        problem = null;
        return true;
    }

    /// <summary>The link to the page after this one: this request's parameters, with the format by name only when it named one.</summary>
    public Uri NextLink(HttpRequest request, string nextCursor) => RequestLinks.WithQuery(request, new Dictionary<string, string?>
    {
        ["limit"] = Limit == DefaultLimit ? null : Limit.ToString(CultureInfo.InvariantCulture),
        ["minHeat"] = MinHeat?.ToString(CultureInfo.InvariantCulture),
        ["format"] = FormatNamed ? Format.Name : null,
        ["cursor"] = nextCursor,
    });
}
