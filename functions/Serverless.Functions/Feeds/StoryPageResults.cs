using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Serverless.Domain.Feeds;
using Serverless.Functions.Http;

namespace Serverless.Functions.Feeds;

/// <summary>The HTTP answers to a story page request: the page in the requested format, the redirect, or the problem.</summary>
public static class StoryPageResults
{
    public static IActionResult For(HttpRequest request, StoryPageRequest page, StoryPageResult result, DateTimeOffset now, int maxAgeSeconds)
    {
        switch (result.Outcome)
        {
            case StoryPageOutcome.NotFound:
                return ApiResults.Problem(404, "No such story", "No story has this id. Story ids are the 32 hex digits of storyId in feed items; each item's storyUrl links to its story.");
            case StoryPageOutcome.Gone:
                return ApiResults.Problem(410, "Story gone", "Every article of this story was removed, so the story is no longer served.");
            case StoryPageOutcome.Merged:
                var target = RequestLinks.Api(request, $"stories/{result.MergedInto}");
                return new PermanentRedirectResult(page.FormatNamed ? new Uri($"{target.AbsoluteUri}?format={page.Format?.Name ?? StoryPageRequest.HtmlFormat}") : target, maxAgeSeconds);
            case StoryPageOutcome.InvalidCursor:
                return ApiResults.Problem(400, "Invalid cursor", "The cursor was not issued for this story and format or has been altered; follow the 'next' link of the previous page, or drop the cursor to start again.");
        }

        var story = result.Story!;
        var members = RequestLinks.WithArticleLinks(request, result.Members);
        var next = result.NextCursor is { } cursor ? page.NextLink(request, cursor) : null;
        if (page.Format is not { } format)
        {
            var html = StoryPageRenderer.Render(story, members, next, page.Cursor is null, now, RequestLinks.ApiBase(request));
            return new PayloadResult(StatusCodes.Status200OK, "text/html; charset=utf-8", html, maxAgeSeconds) { ContentSecurityPolicy = PayloadResult.PageSecurityPolicy };
        }

        var subject = new StoryFeedSubject(story, members);
        var links = new FeedLinks(RequestLinks.Self(request), next, RequestLinks.Api(request, "front"));
        var feed = new FeedPage(subject, RequestLinks.WithArticleLinks(request, subject.Items()), links);
        return new PayloadResult(StatusCodes.Status200OK, format.ContentType, format.Render(feed), maxAgeSeconds);
    }
}
