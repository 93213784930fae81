using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Serverless.Domain.Feeds;

/// <summary>
/// The front page: every topic with its top stories, as plain server-rendered HTML readable on a phone. Every text is
/// HTML-encoded and only http(s) links are emitted; the page has no script at all.
/// </summary>
public static class FrontPageRenderer
{
    private const string Style = """
        body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;background:#f6f6f4;color:#1b1b1b;line-height:1.4}
        header{background:#14213d;color:#fff;padding:1rem}
        header h1{margin:0;font-size:1.4rem}
        main{max-width:52rem;margin:0 auto;padding:0.5rem 1rem 2rem}
        section{background:#fff;border-radius:8px;margin:1rem 0;padding:0.75rem 1rem;box-shadow:0 1px 2px rgba(0,0,0,.08)}
        h2{font-size:1.1rem;margin:0.25rem 0 0.5rem}
        h2 a{color:#14213d;text-decoration:none}
        ol{margin:0;padding-left:1.25rem}
        li{margin:0.5rem 0}
        li a{color:#0b57d0;font-weight:600;text-decoration:none}
        .meta{display:block;color:#5f6368;font-size:0.85rem}
        .empty{color:#5f6368}
        """;

    public static byte[] Render(IReadOnlyList<(TopicInfo Topic, IReadOnlyList<FeedItem> Stories)> topics, DateTimeOffset now, string apiBase)
    {
        var html = HtmlEncoder.Default;
        var page = new StringBuilder(16 * 1024);
        page.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>Hottest news by topic</title><style>").Append(Style).Append("</style></head><body>")
            .Append("<header><h1>Hottest news by topic</h1></header><main>");
        if (topics.Count == 0)
        {
            page.Append("<p class=\"empty\">No published articles yet. Upload some: <code>scripts/upload.sh demo/articles</code>.</p>");
        }

        foreach (var (topic, stories) in topics)
        {
            page.Append("<section><h2><a href=\"").Append(html.Encode($"{apiBase}/topics/{Uri.EscapeDataString(topic.Id)}/feed?format=atom"))
                .Append("\">").Append(html.Encode(topic.Name)).Append("</a></h2><ol>");
            foreach (var story in stories)
            {
                page.Append("<li>");
                if (story.Url is { } url)
                {
                    page.Append("<a href=\"").Append(html.Encode(url)).Append("\" rel=\"noopener noreferrer\">").Append(html.Encode(story.Title)).Append("</a>");
                }
                else
                {
                    page.Append("<strong>").Append(html.Encode(story.Title)).Append("</strong>");
                }

                page.Append("<span class=\"meta\">")
                    .Append(html.Encode(story.Provider?.Name ?? story.Provider?.Domain ?? "unknown source"))
                    .Append(" · ").Append(html.Encode(Age(now - story.PublishedDateTime)))
                    .Append(" · heat ").Append(story.Heat.ToString("0.#", CultureInfo.InvariantCulture))
                    .Append(" · ").Append(story.StorySize.ToString(CultureInfo.InvariantCulture)).Append(story.StorySize == 1 ? " article" : " articles")
                    .Append("</span></li>");
            }

            page.Append("</ol></section>");
        }

        page.Append("</main></body></html>");
        return Encoding.UTF8.GetBytes(page.ToString());
    }

    private static string Age(TimeSpan age) => age switch
    {
        { TotalMinutes: < 1 } => "just now",
        { TotalHours: < 1 } => $"{(int)age.TotalMinutes} min ago",
        { TotalDays: < 1 } => $"{(int)age.TotalHours} h ago",
        { TotalDays: < 2 } => "1 day ago",
        { TotalDays: < 60 } => $"{(int)age.TotalDays} days ago",
        _ => $"{(int)(age.TotalDays / 30)} months ago",
    };
}
