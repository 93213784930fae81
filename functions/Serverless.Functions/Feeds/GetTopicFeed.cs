using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Serverless.Domain.Feeds;
using Serverless.Domain.Telemetry;
using Serverless.Functions.Http;

namespace Serverless.Functions.Feeds;

/// <summary>GET /api/topics/{topicId}/feed: the topic's published articles, hottest first, as JSON, JSON Feed, RSS or Atom.</summary>
public sealed class GetTopicFeed
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    private readonly TopicFeedQuery _feeds;
    private readonly FeedCursor _cursor;
    private readonly PipelineMetrics _metrics;
    private readonly FeedOptions _options;

    public GetTopicFeed(TopicFeedQuery feeds, FeedCursor cursor, PipelineMetrics metrics, IOptions<FeedOptions> options)
    {
        _feeds = feeds;
        _cursor = cursor;
        _metrics = metrics;
        _options = options.Value;
    }

    [Function(nameof(GetTopicFeed))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "topics/{topicId}/feed")] HttpRequest request,
        string topicId,
        CancellationToken cancellationToken)
    {
        var query = request.Query;
        var format = FeedRenderer.Negotiate(query["format"].ToString(), request.Headers.Accept.ToString());
        _metrics.FeedRequest("topic-feed", format?.ToString().ToLowerInvariant() ?? "invalid");
        if (format is null)
        {
            return ApiResults.Problem(400, "Unknown format", $"format must be one of json, jsonfeed, rss or atom, not '{Shorten(query["format"].ToString())}'.");
        }

        var limit = DefaultLimit;
        if (query.ContainsKey("limit") && (!int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            return ApiResults.Problem(400, "Invalid limit", $"limit must be a whole number from 1 to {MaxLimit}, not '{Shorten(query["limit"].ToString())}'.");
        }

        double? minHeat = null;
        if (query.ContainsKey("minHeat"))
        {
            if (!double.TryParse(query["minHeat"], NumberStyles.Float, CultureInfo.InvariantCulture, out var heat) || !double.IsFinite(heat) || heat < 0)
            {
                return ApiResults.Problem(400, "Invalid minHeat", $"minHeat must be a number of at least 0, not '{Shorten(query["minHeat"].ToString())}'.");
            }

            minHeat = heat;
        }

        var topic = await _feeds.GetTopicAsync(topicId, cancellationToken);
        if (topic is null)
        {
            return ApiResults.Problem(404, "No such topic", $"There is no topic '{Shorten(topicId)}'. GET {RequestLinks.ApiBase(request)}/topics lists them.");
        }

        string? after = null;
        if (query["cursor"].ToString() is { Length: > 0 } cursor && (after = _cursor.Decode(topic.Id, cursor)) is null)
        {
            return ApiResults.Problem(400, "Invalid cursor", "The cursor was not issued for this topic or has been altered; follow the 'next' link of the previous page, or drop the cursor to start again.");
        }

        var (page, lastRowKey) = await _feeds.GetPageAsync(topic.Id, limit, after, minHeat, cancellationToken);
        var items = RequestLinks.WithArticleLinks(request, page);
        Uri? next = null;
        if (lastRowKey is not null)
        {
            next = RequestLinks.WithQuery(request, new Dictionary<string, string?>
            {
                ["limit"] = limit == DefaultLimit ? null : limit.ToString(CultureInfo.InvariantCulture),
                ["minHeat"] = minHeat?.ToString(CultureInfo.InvariantCulture),
                ["format"] = query.ContainsKey("format") ? format.ToString()!.ToLowerInvariant() : null,
                ["cursor"] = _cursor.Encode(topic.Id, lastRowKey),
            });
        }

        var rendered = FeedRenderer.Render(format.Value, new FeedPage(topic, items, null), new FeedLinks(RequestLinks.Self(request), next, RequestLinks.Api(request, "front")));
        return new PayloadResult(StatusCodes.Status200OK, rendered.ContentType, rendered.Body, _options.MaxAgeSeconds);
    }

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..61] + "...";
}
