using System.Globalization;
using System.Text;
using Serverless.Domain.Scoring;

namespace Serverless.Domain.Feeds;

/// <summary>
/// A story page ("full coverage") as server-rendered HTML, readable on a phone and without script: the lead with its
/// image, "N articles from M outlets", who reported first, a timeline drawn as inline SVG, links to the story's topics,
/// and the outlets' headlines, paged as the JSON is. Every text is HTML-encoded, links are http(s) only, images https.
/// </summary>
public static class StoryPageRenderer
{
    private const int ChartWidth = 600;
    private const int ChartHeight = 80;

    public static byte[] Render(StoryView story, IReadOnlyList<StoryMemberView> members, Uri? next, bool firstPage, DateTimeOffset now, string apiBase)
    {
        var headline = story.Headline ?? "Untitled story";
        var page = HtmlPage.Start($"{headline} — full coverage", "Hottest news by topic", $"{apiBase}/front");
        page.Append("<section class=\"lead\">");
        if (firstPage)
        {
            HtmlPage.Image(page, story.Lead?.ImageUrl, string.Empty);
        }

        page.Append("<h2>");
        HtmlPage.Link(page, story.Lead?.Url ?? (story.Lead is null ? null : $"{apiBase}/articles/{story.Lead.Id}"), headline);
        page.Append("</h2><p class=\"meta\">")
            .Append(HtmlPage.Text($"{HtmlPage.Count(story.Articles, "article", "articles")} from {HtmlPage.Count(story.Outlets, "outlet", "outlets")}"))
            .Append(" · heat ").Append(story.Heat.ToString("0.#", CultureInfo.InvariantCulture));
        if (story.FirstReported is { } first)
        {
            page.Append(" · first reported by ").Append(HtmlPage.Text(first.Outlet ?? "an unknown outlet"));
            if (first.PublishedDateTime is { } at)
            {
                page.Append(", ").Append(HtmlPage.Text(at.UtcDateTime.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture)))
                    .Append(" (").Append(HtmlPage.Text(HtmlPage.Age(now - at))).Append(')');
            }
        }

        page.Append("</p>");
        if (story.Topics.Count > 0)
        {
            page.Append("<p class=\"tags\">");
            foreach (var topic in story.Topics)
            {
                page.Append("<a href=\"").Append(HtmlPage.Text($"{apiBase}/front#topic-{topic}")).Append("\">").Append(HtmlPage.Text(topic)).Append("</a>");
            }

            page.Append("</p>");
        }

        if (story.Timeline.Count > 0)
        {
            Timeline(page, story.Timeline);
        }

        page.Append("</section><section><h2>Coverage</h2>");
        if (members.Count == 0)
        {
            page.Append("<p class=\"empty\">No more members.</p>");
        }
        else
        {
            page.Append("<ol>");
            foreach (var member in members)
            {
                Member(page, member, now, apiBase);
            }

            page.Append("</ol>");
        }

        page.Append("</section>");
        if (next is not null)
        {
            page.Append("<nav class=\"pages\"><a href=\"").Append(HtmlPage.Text(next.AbsoluteUri)).Append("\" rel=\"next\">More coverage</a></nav>");
        }

        return HtmlPage.End(page);
    }

    private static void Member(StringBuilder page, StoryMemberView member, DateTimeOffset now, string apiBase)
    {
        page.Append("<li>");
        HtmlPage.Link(page, member.Url ?? (member.Id is null ? null : $"{apiBase}/articles/{member.Id}"), member.Title ?? member.Url ?? "Untitled");
        page.Append("<span class=\"meta\">").Append(HtmlPage.Text(member.Provider?.Name ?? member.Provider?.Domain ?? "unknown source"));
        if (member.PublishedDateTime is { } published)
        {
            page.Append(" · ").Append(HtmlPage.Text(HtmlPage.Age(now - published)));
        }

        if (member.Reason is { } reason)
        {
            page.Append(" · ").Append(HtmlPage.Text(Describe(reason)));
        }

        if (member.Id is null)
        {
            page.Append(" · named in related coverage");
        }

        page.Append("</span>");
        if (member.Excerpt is { Length: > 0 } excerpt)
        {
            page.Append("<p class=\"excerpt\">").Append(HtmlPage.Text(excerpt)).Append("</p>");
        }

        page.Append("</li>");
    }

    private static string Describe(StoryJoinReason reason) => reason.Kind switch
    {
        StoryJoinReason.First => "started the story",
        StoryJoinReason.CitedBy => "cited by another article",
        StoryJoinReason.Cites => "cites another article",
        StoryJoinReason.SharesRelated => "shares a related link",
        StoryJoinReason.Text => string.Create(CultureInfo.InvariantCulture, $"similar text ({reason.Similarity ?? 0:0.00})"),
        _ => reason.Kind,
    };

    /// <summary>A bar per bucket (hours first, then days), heights to scale, each with its count as a tooltip.</summary>
    private static void Timeline(StringBuilder page, IReadOnlyList<StoryTimelineBucket> buckets)
    {
        var most = Math.Max(1, buckets.Max(b => b.Members));
        var width = (double)ChartWidth / buckets.Count;
        page.Append(CultureInfo.InvariantCulture, $"<svg viewBox=\"0 0 {ChartWidth} {ChartHeight + 16}\" role=\"img\" aria-label=\"Articles over time\" xmlns=\"http://www.w3.org/2000/svg\">");
        for (var i = 0; i < buckets.Count; i++)
        {
            var bucket = buckets[i];
            var height = Math.Max(2, ChartHeight * bucket.Members / (double)most);
            var label = $"{HtmlPage.Count(bucket.Members, "article", "articles")} from {bucket.Start.UtcDateTime.ToString(bucket.Hours == 1 ? "d MMM HH:00" : "d MMM", CultureInfo.InvariantCulture)} UTC";
            page.Append(CultureInfo.InvariantCulture, $"<rect x=\"{i * width + 1:0.#}\" y=\"{ChartHeight - height:0.#}\" width=\"{Math.Max(1, width - 2):0.#}\" height=\"{height:0.#}\" fill=\"{(bucket.Hours == 1 ? "#0b57d0" : "#7a9be0")}\"><title>")
                .Append(HtmlPage.Text(label)).Append("</title></rect>");
        }

        var start = buckets[0].Start.UtcDateTime.ToString("d MMM HH:00", CultureInfo.InvariantCulture);
        var end = buckets[^1].Start.UtcDateTime.ToString("d MMM", CultureInfo.InvariantCulture);
        page.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{ChartHeight + 13}\" font-size=\"12\" fill=\"#5f6368\">").Append(HtmlPage.Text(start)).Append("</text>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{ChartWidth}\" y=\"{ChartHeight + 13}\" font-size=\"12\" fill=\"#5f6368\" text-anchor=\"end\">").Append(HtmlPage.Text(end)).Append("</text></svg>");
    }
}
