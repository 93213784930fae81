using System.Text;

namespace Serverless.Domain.Articles;

/// <summary>
/// The link a reader follows to an article: its own webUrl, else its originalUrl, as uploaded but without tracking
/// parameters. Unlike <see cref="UrlCanonicalizer"/> (identity only) it keeps the scheme, port, trailing slash and
/// parameter order, because the canonical form (forced https, no trailing slash, sorted query) can point nowhere.
/// </summary>
public static class ArticleLink
{
    /// <summary>The first of <paramref name="candidates"/> that is an absolute http(s) URL, cleaned; null when none is.</summary>
    public static string? From(params string?[] candidates)
    {
        foreach (var candidate in candidates)
        {
            if (Clean(candidate) is { } link)
            {
                return link;
            }
        }

        return null;
    }

    /// <summary>The URL without tracking parameters, or null when it is not an absolute http(s) URL.</summary>
    public static string? Clean(string? url)
    {
        if (UrlCanonicalizer.Canonicalize(url) is null)
        {
            return null;
        }

        var trimmed = url!.Trim();
        var fragmentAt = trimmed.IndexOf('#');
        var fragment = fragmentAt < 0 ? "" : trimmed[fragmentAt..];
        var withoutFragment = fragmentAt < 0 ? trimmed : trimmed[..fragmentAt];
        var queryAt = withoutFragment.IndexOf('?');
        if (queryAt < 0)
        {
            return new Uri(trimmed).AbsoluteUri;
        }

        var kept = withoutFragment[(queryAt + 1)..]
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(pair => !UrlCanonicalizer.IsTrackingParameter(pair.Split('=', 2)[0]));
        var builder = new StringBuilder(withoutFragment, 0, queryAt, trimmed.Length);
        var query = string.Join('&', kept);
        if (query.Length > 0)
        {
            builder.Append('?').Append(query);
        }

        return new Uri(builder.Append(fragment).ToString()).AbsoluteUri;
    }
}
