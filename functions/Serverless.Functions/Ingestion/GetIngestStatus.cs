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

    [Function(nameof(GetIngestStatus))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ingest/status")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var blob = request.Query["blob"].ToString();
        if (string.IsNullOrWhiteSpace(blob) || blob.Length > 1024)
        {
            return ApiResults.Problem(StatusCodes.Status400BadRequest, "Missing or invalid blob name", "Pass the uploaded blob's name, for example ?blob=2023/07/article.md (at most 1024 characters).");
        }

        var status = await _query.GetAsync(blob, cancellationToken);
        if (status is null)
        {
            return ApiResults.Problem(StatusCodes.Status404NotFound, "No such upload", $"No blob named '{blob}' was uploaded to the articles container. Check the name (it is case-sensitive and includes any folder).");
        }

        return ApiResults.Json(request, IngestStatusResponse.From(status), maxAgeSeconds: 0);
    }
}
