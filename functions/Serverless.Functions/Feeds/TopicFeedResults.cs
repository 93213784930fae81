using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Serverless.Domain.Feeds;
using Serverless.Functions.Http;

namespace Serverless.Functions.Feeds;

/// <summary>The HTTP answers to a topic feed request: the page in the requested format, or the problem.</summary>
public static class TopicFeedResults
{
    public static IActionResult For(HttpRequest request, string topicId, TopicFeedRequest feed, TopicFeedResult result, int maxAgeSeconds)
    {
        if (result.Outcome == TopicFeedOutcome.NoSuchTopic)
        {
            return ApiResults.Problem(404, "No such topic", $"There is no topic '{ApiResults.Shorten(topicId)}'. GET {RequestLinks.ApiBase(request)}/topics lists them.");
        }

        if (!result.IsPage)
        {
            return ApiResults.Problem(400, "Invalid cursor", "The cursor was not issued for this topic or has been altered; follow the 'next' link of the previous page, or drop the cursor to start again.");
        }

        var links = new FeedLinks(
            RequestLinks.Self(request),
            result.NextCursor is { } next ? feed.NextLink(request, next) : null,
            RequestLinks.Api(request, "front"));
        var page = new FeedPage(new TopicFeedSubject(result.Topic), RequestLinks.WithArticleLinks(request, result.Items), links);
        return new PayloadResult(StatusCodes.Status200OK, feed.Format.ContentType, feed.Format.Render(page), maxAgeSeconds);
    }
}
