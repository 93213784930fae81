using System.Globalization;
using Serverless.Domain.Stores;

namespace Serverless.Domain.Feeds;

/// <summary>
/// The front page: every topic with its top distinct stories, as plain server-rendered HTML readable on a phone. Each
/// story shows its lead's headline and image, "N articles from M outlets" linking to the story page, and up to three
/// other outlets' headlines. Every text is HTML-encoded and only http(s) links are emitted; the page has no script.
/// </summary>
public static class FrontPageRenderer
{
    public static byte[] Render(IReadOnlyList<(TopicInfo Topic, IReadOnlyList<StoryListing> Stories)> topics, DateTimeOffset now, string apiBase)
    {
        var page = HtmlPage.Start("Hottest news by topic", "Hottest news by topic", null);
        if (topics.Count == 0)
        {
            page.Append("<p class=\"empty\">No published articles yet. Upload some: <code>scripts/upload.sh demo/articles</code>.</p>");
        }

        foreach (var (topic, stories) in topics)
        {
            page.Append("<section id=\"topic-").Append(HtmlPage.Text(topic.Id)).Append("\"><h2><a href=\"")
                .Append(HtmlPage.Text($"{apiBase}/topics/{Uri.EscapeDataString(topic.Id)}/feed?format=atom"))
                .Append("\">").Append(HtmlPage.Text(topic.Name)).Append("</a></h2><ol>");
            foreach (var story in stories)
            {
                var lead = story.Head.Lead;
                var storyLink = $"{apiBase}/stories/{story.Head.StoryId}";
                page.Append("<li><div class=\"story\">");
                HtmlPage.Image(page, lead?.ImageUrl, string.Empty);
                page.Append("<div>");
                HtmlPage.Link(page, lead?.Url ?? (lead is null ? null : $"{apiBase}/articles/{lead.Id}"), lead?.Title ?? "Untitled story");
                page.Append("<span class=\"meta\">")
                    .Append(HtmlPage.Text(lead?.Outlet ?? "unknown source"));
                if (lead?.Published is { } published)
                {
                    page.Append(" · ").Append(HtmlPage.Text(HtmlPage.Age(now - published)));
                }

                page.Append(" · heat ").Append(story.Heat.ToString("0.#", CultureInfo.InvariantCulture))
                    .Append(" · <a href=\"").Append(HtmlPage.Text(storyLink)).Append("\">")
                    .Append(HtmlPage.Text($"{HtmlPage.Count(story.Head.Members, "article", "articles")} from {HtmlPage.Count(story.Head.Outlets, "outlet", "outlets")}"))
                    .Append("</a></span>");
                var others = StoryHeadline.Parse(story.Head.Others);
                if (others.Count > 0)
                {
                    page.Append("<ul class=\"more\">");
                    foreach (var other in others)
                    {
                        page.Append("<li>");
                        HtmlPage.Link(page, other.Url, other.Title ?? other.Url ?? "Untitled");
                        page.Append(" <span class=\"meta\" style=\"display:inline\">").Append(HtmlPage.Text(other.Outlet)).Append("</span></li>");
                    }

                    page.Append("</ul>");
                }

                page.Append("</div></div></li>");
            }

            page.Append("</ol></section>");
        }

        return HtmlPage.End(page);
    }
}
