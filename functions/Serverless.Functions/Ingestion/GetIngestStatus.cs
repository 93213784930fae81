using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Serverless.Domain.Ingestion;
using Serverless.Functions.Http;

namespace Serverless.Functions.Ingestion;

/// <summary>GET /api/ingest/status?blob=name: what became of an upload.</summary>
public sealed class GetIngestStatus
{
    private readonly IngestStatusQuery _query;

    public GetIngestStatus(IngestStatusQuery query)
    {
        _query = query;
    }

    [OpenApiOperation<IngestStatusRequest>("What became of an uploaded file: ingested, rejected (with the reason), pending, or, after a deletion or takedown, retracted, deleted or suppressed (with what happened).")]
    [OpenApiResponse(200, typeof(IngestStatusResponse), "The upload's status.")]
    [OpenApiProblem(400, "The blob name is missing, blank or too long.")]
    [OpenApiProblem(404, "No blob of this name was uploaded.")]
    [OpenApiStorageProblem]
    [Function(nameof(GetIngestStatus))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ingest/status")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (!IngestStatusRequest.TryParse(request, out var parsed, out var problem))
        {
            return problem;
        }

        var status = await _query.GetAsync(parsed.Blob, cancellationToken);
        if (status is null)
        {
            return ApiResults.Problem(StatusCodes.Status404NotFound, "No such upload", $"No blob named '{parsed.Blob}' was uploaded to the articles container. Check the name (it is case-sensitive and includes any folder).");
        }

        return ApiResults.Json(request, IngestStatusResponse.From(status), maxAgeSeconds: 0);
    }
}
