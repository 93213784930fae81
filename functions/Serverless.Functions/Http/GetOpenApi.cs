using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Serverless.Functions.Http;

/// <summary>GET /api/openapi.json: the OpenAPI 3 description of every public endpoint.</summary>
public sealed class GetOpenApi
{
    private static readonly Lazy<byte[]> Document = new(() => Encoding.UTF8.GetBytes(OpenApiDocumentFactory.BuildJson()));

    [OpenApiOperation("This description.")]
    [OpenApiResponse(200, typeof(JsonObject), "This OpenAPI 3.0 document.")]
    [Function(nameof(GetOpenApi))]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request) =>
        new PayloadResult(StatusCodes.Status200OK, "application/json; charset=utf-8", Document.Value, maxAgeSeconds: 300);
}
