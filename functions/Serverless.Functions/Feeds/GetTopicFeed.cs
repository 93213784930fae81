using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Serverless.Domain.Feeds;
using Serverless.Domain.Telemetry;
using Serverless.Functions.Http;

namespace Serverless.Functions.Feeds;

/// <summary>GET /api/topics/{topicId}/feed: the topic's published articles, hottest first, in any of the feed formats.</summary>
public sealed class GetTopicFeed
{
    private readonly TopicFeedService _feeds;
    private readonly PipelineMetrics _metrics;
    private readonly FeedOptions _options;

    public GetTopicFeed(TopicFeedService feeds, PipelineMetrics metrics, IOptions<FeedOptions> options)
    {
        _feeds = feeds;
        _metrics = metrics;
        _options = options.Value;
    }

    [OpenApiOperation<TopicFeedRequest>("A topic's published articles, hottest first, as JSON, JSON Feed 1.1, RSS 2.0 or Atom (Accept header or format).")]
    [OpenApiFeedResponse(typeof(TopicFeedResponse), "A page of the feed in the negotiated format; the next page's link is in it.")]
    [OpenApiProblem(400, "An unknown format, a limit or minHeat out of range, or a cursor not issued for this topic.")]
    [OpenApiProblem(404, "No such topic.")]
    [OpenApiStorageProblem]
    [Function(nameof(GetTopicFeed))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "topics/{topicId}/feed")] HttpRequest request,
        string topicId,
        CancellationToken cancellationToken)
    {
        if (!TopicFeedRequest.TryParse(request, out var feed, out var problem))
        {
            _metrics.FeedRequest("topic-feed", "invalid");
            return problem;
        }

        _metrics.FeedRequest("topic-feed", feed.Format.Name);

        var result = await _feeds.GetPageAsync(topicId, feed.Limit, feed.MinHeat, feed.Cursor, cancellationToken);
        return TopicFeedResults.For(request, topicId, feed, result, _options.MaxAgeSeconds);
    }
}
