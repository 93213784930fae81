using System.Text;

namespace Serverless.Domain.Articles;

/// <summary>
/// Reduces an article URL to the form two outlets' links to the same page share, so that the same article
/// uploaded twice, or listed in another article's related list, resolves to one id.
/// </summary>
public static class UrlCanonicalizer
{
    // Parameters that only say where a reader came from; they never select different content.
    private static readonly HashSet<string> TrackingParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "ref", "ref_src", "ref_url", "referrer", "fbclid", "gclid", "dclid", "msclkid", "yclid", "mc_cid", "mc_eid",
        "igshid", "cmpid", "ocid", "smid", "smtyp", "guccounter", "guce_referrer", "guce_referrer_sig", "ncid",
        "soc_src", "soc_trk", "ftag", "intcmp", "s_cid", "_hsenc", "_hsmi", "mkt_tok", "tpcc",
    };

    private static readonly string[] TrackingPrefixes = ["utm_", "at_", "pk_", "mtm_", "hsa_", "__twitter", "__s"];

    /// <summary>Returns the canonical form of an absolute http(s) URL, or null when the value is not one.</summary>
    public static string? Canonicalize(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > 8192)
        {
            return null;
        }

        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) ||
            (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) ||
            string.IsNullOrEmpty(uri.Host))
        {
            return null;
        }

        var builder = new StringBuilder(url.Length);
        // http and https serve the same article; folding them stops a scheme change from splitting a story.
        builder.Append("https://").Append(uri.IdnHost.ToLowerInvariant());
        if (!uri.IsDefaultPort && uri.Port != 443)
        {
            builder.Append(':').Append(uri.Port);
        }

        var path = uri.AbsolutePath;
        if (path.Length > 1 && path.EndsWith('/'))
        {
            path = path.TrimEnd('/');
        }

        builder.Append(path.Length == 0 ? "/" : path);

        var kept = KeptQueryParameters(uri.Query);
        if (kept.Count > 0)
        {
            builder.Append('?').AppendJoin('&', kept);
        }

        return builder.ToString();
    }

    /// <summary>Whether a query parameter only says where a reader came from (utm_*, fbclid, ...).</summary>
    public static bool IsTrackingParameter(string name) =>
        TrackingParameters.Contains(name) ||
        TrackingPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    private static List<string> KeptQueryParameters(string query)
    {
        var kept = new List<string>();
        if (query.Length <= 1)
        {
            return kept;
        }

        foreach (var pair in query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (IsTrackingParameter(pair.Split('=', 2)[0]))
            {
                continue;
            }

            kept.Add(pair);
        }

        // Order carries no meaning in a query string; sorting makes two spellings of one URL equal.
        kept.Sort(StringComparer.Ordinal);
        return kept;
    }
}
