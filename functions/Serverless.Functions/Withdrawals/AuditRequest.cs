using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Serverless.Functions.Http;

namespace Serverless.Functions.Withdrawals;

/// <summary>The parameters of an audit request, checked: <c>?article=</c>, <c>?limit=</c> and <c>?cursor=</c>.</summary>
/// <param name="ArticleId">Only this article's entries; null for all.</param>
/// <param name="Limit">Entries per page.</param>
/// <param name="After">The row key the page starts after (decoded from the cursor); null for the newest.</param>
public sealed partial record AuditRequest(string? ArticleId, int Limit, string? After) : IDocumentedQuery
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static IReadOnlyList<QueryParameterDescription> QueryParameters { get; } =
    [
        new("article", "string", "Only the entries of this article (its 32-hex-digit id)."),
        new("limit", "integer", $"Entries per page, 1 to {MaxLimit} (default {DefaultLimit})."),
        new("cursor", "string", "The next value of the page before, to read on."),
    ];

    /// <summary>The cursor that continues after the entry with row key <paramref name="rowKey"/>.</summary>
    public static string CursorAfter(string rowKey) => Convert.ToBase64String(Encoding.UTF8.GetBytes(rowKey)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryParse(HttpRequest request, [NotNullWhen(true)] out AuditRequest? parsed, [NotNullWhen(false)] out IActionResult? problem)
    {
        parsed = null;
        var article = request.Query["article"].ToString();
        if (article.Length > 0 && !ArticleIdFormat.IsValid(article))
        {
            problem = Bad("Invalid article id", $"'{ApiResults.Shorten(article)}' is not an article id: pass the 32 hex digits found in feeds and upload statuses.");
            return false;
        }

        var limitText = request.Query["limit"].ToString();
        var limit = DefaultLimit;
        if (limitText.Length > 0 && (!int.TryParse(limitText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            problem = Bad("Invalid limit", $"limit must be a whole number from 1 to {MaxLimit}; '{ApiResults.Shorten(limitText)}' is not.");
            return false;
        }

        var cursor = request.Query["cursor"].ToString();
        string? after = null;
        if (cursor.Length > 0 && (Decode(cursor) is not { } key || !RowKey().IsMatch(key)))
        {
            problem = Bad("Invalid cursor", "The cursor is not one this endpoint gave out: pass the next value of the page before unchanged, or leave it out to start at the newest entry.");
            return false;
        }
        else if (cursor.Length > 0)
        {
            after = Decode(cursor);
        }

        parsed = new AuditRequest(article.Length > 0 ? article : null, limit, after);
        problem = null;
        return true;
    }

    private static string? Decode(string cursor)
    {
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=')));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static IActionResult Bad(string title, string detail) => ApiResults.Problem(StatusCodes.Status400BadRequest, title, detail);

    [GeneratedRegex("^[0-9]{19}_[0-9a-f]{32}_[A-Za-z]{1,20}$")]
    private static partial Regex RowKey();
}
