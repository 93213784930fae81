using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Serverless.Domain.Stores;
using Serverless.Functions.Http;

namespace Serverless.Functions.Withdrawals;

/// <summary>GET /api/audit (function key): every takedown, restore and retraction, newest first, paged.</summary>
public sealed class GetAudit
{
    private readonly AuditStore _audit;

    public GetAudit(AuditStore audit)
    {
        _audit = audit;
    }

    [OpenApiOperation<AuditRequest>("The record of takedowns, restores and retractions, newest first (function key required): what was done to which article, why, by what and when.")]
    [OpenApiResponse(200, typeof(AuditResponse), "One page of entries.")]
    [OpenApiProblem(400, "An article id, limit or cursor is not valid.")]
    [OpenApiStorageProblem]
    [Function(nameof(GetAudit))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "audit")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (!AuditRequest.TryParse(request, out var parsed, out var problem))
        {
            return problem;
        }

        var page = await _audit.ReadAsync(parsed.ArticleId, parsed.After, parsed.Limit, cancellationToken);
        return ApiResults.Json(
            request,
            new AuditResponse([.. page.Entries.Select(AuditEntryResponse.From)], page.Next is null ? null : AuditRequest.CursorAfter(page.Next)),
            maxAgeSeconds: 0);
    }
}
