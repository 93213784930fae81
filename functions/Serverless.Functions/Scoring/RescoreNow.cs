using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Serverless.Domain.Rescoring;
using Serverless.Functions.Http;

namespace Serverless.Functions.Scoring;

/// <summary>POST /api/manage/rescore (function key): runs a rescoring now and says what it did.</summary>
public sealed class RescoreNow
{
    private readonly RescoreService _rescore;

    public RescoreNow(RescoreService rescore)
    {
        _rescore = rescore;
    }

    [Function(nameof(RescoreNow))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "manage/rescore")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var report = await _rescore.RunAsync(cancellationToken);
        return ApiResults.Json(request, new
        {
            articlesRead = report.ArticlesRead,
            articlesFetched = report.ArticlesFetched,
            articlesChanged = report.ArticlesChanged,
            articlesSuperseded = report.ArticlesSuperseded,
            stories = report.Stories,
            indexRowsWritten = report.IndexRowsWritten,
            indexRowsDeleted = report.IndexRowsDeleted,
            topicStatsWritten = report.TopicStatsWritten,
            writes = report.Writes,
            indexVerified = report.IndexVerified,
            durationMs = Math.Round(report.Duration.TotalMilliseconds),
        }, maxAgeSeconds: 0);
    }
}
