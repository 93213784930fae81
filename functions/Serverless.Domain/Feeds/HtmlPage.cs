using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Serverless.Domain.Feeds;

/// <summary>
/// What the server-rendered pages share: the document head, one style sheet, and the encoding rules. Every text goes
/// through <see cref="Text"/> and every link through <see cref="Link"/> (http(s) only); the pages have no script.
/// </summary>
internal static class HtmlPage
{
    private const string Style = """
        body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;background:#f6f6f4;color:#1b1b1b;line-height:1.4}
        header{background:#14213d;color:#fff;padding:1rem}
        header h1{margin:0;font-size:1.4rem}
        header a{color:#fff;text-decoration:none}
        main{max-width:52rem;margin:0 auto;padding:0.5rem 1rem 2rem}
        section{background:#fff;border-radius:8px;margin:1rem 0;padding:0.75rem 1rem;box-shadow:0 1px 2px rgba(0,0,0,.08)}
        h2{font-size:1.1rem;margin:0.25rem 0 0.5rem}
        h2 a{color:#14213d;text-decoration:none}
        ol,ul{margin:0;padding-left:1.25rem}
        li{margin:0.5rem 0}
        li a,.lead a{color:#0b57d0;font-weight:600;text-decoration:none}
        .meta{display:block;color:#5f6368;font-size:0.85rem}
        .meta a{color:#5f6368;font-weight:400}
        .empty{color:#5f6368}
        .story{display:flex;gap:0.75rem;align-items:flex-start}
        .story img{width:6rem;height:4.5rem;object-fit:cover;border-radius:4px;flex:none}
        .lead img{width:100%;max-height:20rem;object-fit:cover;border-radius:6px}
        .lead h2{font-size:1.4rem}
        .more{margin:0.25rem 0 0;padding-left:1rem;font-size:0.9rem}
        .more li{margin:0.2rem 0}
        .more a{font-weight:400}
        .excerpt{margin:0.2rem 0 0;font-size:0.92rem}
        .tags a{display:inline-block;margin:0 0.4rem 0.3rem 0;padding:0.1rem 0.5rem;border-radius:1rem;background:#e8eefc;color:#14213d;text-decoration:none;font-size:0.85rem}
        svg{width:100%;height:auto;display:block}
        nav.pages{margin:1rem 0}
        nav.pages a{color:#0b57d0}
        """;

    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public static StringBuilder Start(string title, string heading, string? headingLink)
    {
        var page = new StringBuilder(16 * 1024);
        page.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Text(title)).Append("</title><style>").Append(Style).Append("</style></head><body><header><h1>");
        if (headingLink is not null)
        {
            page.Append("<a href=\"").Append(Text(headingLink)).Append("\">").Append(Text(heading)).Append("</a>");
        }
        else
        {
            page.Append(Text(heading));
        }

        return page.Append("</h1></header><main>");
    }

    public static byte[] End(StringBuilder page) => Encoding.UTF8.GetBytes(page.Append("</main></body></html>").ToString());

    public static string Text(string? text) => Html.Encode(text ?? string.Empty);

    /// <summary>A link to <paramref name="url"/> (http(s) only, else the text alone, bold).</summary>
    public static StringBuilder Link(StringBuilder page, string? url, string text)
    {
        if (TopicFeedQuery.SafeUrl(url) is { } safe)
        {
            return page.Append("<a href=\"").Append(Text(safe)).Append("\" rel=\"noopener noreferrer\">").Append(Text(text)).Append("</a>");
        }

        return page.Append("<strong>").Append(Text(text)).Append("</strong>");
    }

    /// <summary>An image, only when it is https (what the policy's <c>img-src https:</c> allows).</summary>
    public static StringBuilder Image(StringBuilder page, string? url, string alt)
    {
        if (TopicFeedQuery.SafeUrl(url) is { } safe && safe.StartsWith("https://", StringComparison.Ordinal))
        {
            page.Append("<img src=\"").Append(Text(safe)).Append("\" alt=\"").Append(Text(alt)).Append("\" loading=\"lazy\" referrerpolicy=\"no-referrer\">");
        }

        return page;
    }

    public static string Count(int count, string one, string many) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? one : many)}");

    public static string Age(TimeSpan age) => age switch
    {
        { TotalMinutes: < 1 } => "just now",
        { TotalHours: < 1 } => $"{(int)age.TotalMinutes} min ago",
        { TotalDays: < 1 } => $"{(int)age.TotalHours} h ago",
        { TotalDays: < 2 } => "1 day ago",
        { TotalDays: < 60 } => $"{(int)age.TotalDays} days ago",
        _ => $"{(int)(age.TotalDays / 30)} months ago",
    };
}
