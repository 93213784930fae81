namespace Serverless.Domain.Articles;

/// <summary>
/// Who publishes an article: the registrable domain of its URL's host (<c>www.nytimes.com</c> and
/// <c>cooking.nytimes.com</c> are both <c>nytimes.com</c>; <c>a.github.io</c> and <c>b.github.io</c> are two). A file
/// can write any <c>provider.name</c> or <c>domain</c>, but not where its URL points: so a story counts outlets by
/// this key, and declared provider names are display only.
/// </summary>
public static class OutletKey
{
    // A run asks for the same members' outlets many times (page order, heads, counts): parsing a URL and walking the
    // suffix list each time cost more than the rest of placing a story. Bounded: emptied when full.
    private const int CacheSize = 100_000;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string?> Cache = new(StringComparer.Ordinal);

    /// <summary>The outlet of an absolute http(s) URL (an IP address or a bare name is its own), or null when there is none (plain text, a relative link).</summary>
    public static string? Of(string? url)
    {
        if (url is null)
        {
            return null;
        }

        if (Cache.TryGetValue(url, out var known))
        {
            return known;
        }

        if (Cache.Count >= CacheSize)
        {
            Cache.Clear();
        }

        return Cache[url] = Compute(url);
    }

    private static string? Compute(string url)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > 8192 ||
            !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) ||
            (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) ||
            string.IsNullOrEmpty(uri.IdnHost))
        {
            return null;
        }

        var host = uri.IdnHost.ToLowerInvariant();
        return PublicSuffixList.Default.RegistrableDomain(host) ?? (host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host);
    }
}
