using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Serverless.Domain.Feeds;
using Serverless.Domain.Telemetry;
using Serverless.Functions.Http;

namespace Serverless.Functions.Feeds;

/// <summary>GET /api/topics: every topic with its article count and the heat of its hottest article.</summary>
public sealed class ListTopics
{
    private readonly TopicFeedQuery _feeds;
    private readonly PipelineMetrics _metrics;
    private readonly FeedOptions _options;

    public ListTopics(TopicFeedQuery feeds, PipelineMetrics metrics, IOptions<FeedOptions> options)
    {
        _feeds = feeds;
        _metrics = metrics;
        _options = options.Value;
    }

    [OpenApiOperation("Every topic with its article count and the heat of its hottest article.")]
    [OpenApiResponse(200, typeof(TopicListResponse), "Every topic, hottest first.")]
    [OpenApiStorageProblem]
    [Function(nameof(ListTopics))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "topics")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        _metrics.FeedRequest("topics", "json");
        var topics = await _feeds.ListTopicsAsync(cancellationToken);
        return ApiResults.Json(request, TopicListResponse.From(request, topics), _options.MaxAgeSeconds);
    }
}
