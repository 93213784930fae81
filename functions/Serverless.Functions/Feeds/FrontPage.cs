using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Serverless.Domain.Feeds;
using Serverless.Domain.Telemetry;
using Serverless.Functions.Http;

namespace Serverless.Functions.Feeds;

/// <summary>GET /api/front: a server-rendered page of every topic's top stories.</summary>
public sealed class FrontPage
{
    private readonly FrontPageQuery _front;
    private readonly TimeProvider _clock;
    private readonly PipelineMetrics _metrics;
    private readonly FeedOptions _options;

    public FrontPage(FrontPageQuery front, TimeProvider clock, PipelineMetrics metrics, IOptions<FeedOptions> options)
    {
        _front = front;
        _clock = clock;
        _metrics = metrics;
        _options = options.Value;
    }

    [OpenApiOperation("An HTML page of every topic's top distinct stories: each story's lead, its article and outlet counts linking to the story page, and other outlets' headlines.")]
    [OpenApiTextResponse(200, "text/html", "The page.")]
    [OpenApiStorageProblem]
    [Function(nameof(FrontPage))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "front")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        _metrics.FeedRequest("front-page", "html");
        var topics = await _front.GetAsync(cancellationToken);
        var html = FrontPageRenderer.Render(topics, _clock.GetUtcNow(), RequestLinks.ApiBase(request));
        return new PayloadResult(StatusCodes.Status200OK, "text/html; charset=utf-8", html, _options.MaxAgeSeconds)
        {
            ContentSecurityPolicy = PayloadResult.PageSecurityPolicy,
        };
    }
}
