using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Serverless.Functions.Http;

/// <summary>What an article id in a route looks like: 32 lower-case hex digits (a hash of its canonical URL).</summary>
public static partial class ArticleIdFormat
{
    public static bool IsValid(string id) => Pattern().IsMatch(id);

    /// <summary>The 404 of a route naming an article that is not stored (or an id that cannot be one).</summary>
    public static IActionResult NotFound() =>
        ApiResults.Problem(StatusCodes.Status404NotFound, "No such article", "No article has this id. Article ids are the 32 hex digits found in feeds and upload statuses.");

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex Pattern();
}
