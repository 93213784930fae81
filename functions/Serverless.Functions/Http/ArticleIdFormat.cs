using System.Text.RegularExpressions;

namespace Serverless.Functions.Http;

/// <summary>What an article id in a route looks like: 32 lower-case hex digits (a hash of its canonical URL).</summary>
public static partial class ArticleIdFormat
{
    public static bool IsValid(string id) => Pattern().IsMatch(id);

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex Pattern();
}
