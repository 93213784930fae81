using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Serverless.Domain.Rescoring;
using Serverless.Functions.Http;

namespace Serverless.Functions.Scoring;

/// <summary>POST /api/manage/rescore (function key): runs a rescoring now and says what it did.</summary>
public sealed class RescoreNow
{
    private readonly RescoreRunner _rescore;

    public RescoreNow(RescoreRunner rescore)
    {
        _rescore = rescore;
    }

    [OpenApiOperation<RescoreRequest>("Runs a rescoring now and reports what it did, entries set aside included (function key required).")]
    [OpenApiResponse(200, typeof(RescoreReportResponse), "What the run did.")]
    [OpenApiStorageProblem]
    [Function(nameof(RescoreNow))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "manage/rescore")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (!RescoreRequest.TryParse(request, out var parsed, out var problem))
        {
            return problem;
        }

        var report = await _rescore.RunAsync(parsed.ReleaseParked, cancellationToken);
        return ApiResults.Json(request, RescoreReportResponse.From(report), maxAgeSeconds: 0);
    }
}
