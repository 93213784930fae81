using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Serverless.Domain.Feeds;
using Serverless.Domain.Telemetry;
using Serverless.Functions.Http;

namespace Serverless.Functions.Feeds;

/// <summary>GET /api/stories/{storyId}: one story ("full coverage"): every outlet's take, as JSON, HTML or a feed.</summary>
public sealed class GetStory
{
    private readonly StoryPageService _stories;
    private readonly PipelineMetrics _metrics;
    private readonly TimeProvider _clock;
    private readonly FeedOptions _options;

    public GetStory(StoryPageService stories, PipelineMetrics metrics, TimeProvider clock, IOptions<FeedOptions> options)
    {
        _stories = stories;
        _metrics = metrics;
        _clock = clock;
        _options = options.Value;
    }

    [OpenApiOperation<StoryPageRequest>(
        "One story: its lead, counts, first reporter, timeline and a page of its members (one article per outlet first, then the rest), " +
        "as JSON, as HTML (Accept: text/html), or newest first as JSON Feed 1.1, RSS 2.0 or Atom (Accept header or format).")]
    [OpenApiFeedResponse(typeof(StoryResponse), "A page of the story in the negotiated format; the next page's link is in it.", Html = true)]
    [OpenApiRedirect(301, "The story was merged into another: Location names it. Merges are never undone.")]
    [OpenApiProblem(400, "An unknown format, a limit out of range, or a cursor not issued for this story and format.")]
    [OpenApiProblem(404, "No story has this id.")]
    [OpenApiProblem(410, "Every member of the story was removed.")]
    [OpenApiStorageProblem]
    [Function(nameof(GetStory))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "stories/{storyId}")] HttpRequest request,
        string storyId,
        CancellationToken cancellationToken)
    {
        if (!StoryPageRequest.TryParse(request, out var page, out var problem))
        {
            _metrics.FeedRequest("story", "invalid");
            return problem;
        }

        _metrics.FeedRequest("story", page.Format?.Name ?? StoryPageRequest.HtmlFormat);
        var result = await _stories.GetPageAsync(storyId, page.NewestFirst, page.Limit, page.Cursor, cancellationToken);
        return StoryPageResults.For(request, page, result, _clock.GetUtcNow(), _options.MaxAgeSeconds);
    }
}
