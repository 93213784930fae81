using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Serverless.Functions.Http;

namespace Serverless.Functions.Ingestion;

/// <summary>The parameter of an upload status request, checked: <c>?blob=</c>, the uploaded blob's name.</summary>
public sealed record IngestStatusRequest(string Blob) : IDocumentedQuery
{
    /// <summary>Longest blob name accepted; storage allows 1024 characters.</summary>
    public const int MaxBlobNameLength = 1024;

    public static IReadOnlyList<QueryParameterDescription> QueryParameters { get; } =
    [
        new("blob", "string", "The blob's name in the articles container.", Required: true),
    ];

    /// <summary>The request's blob name, or the problem when it is missing, blank or too long.</summary>
    public static bool TryParse(HttpRequest request, [NotNullWhen(true)] out IngestStatusRequest? parsed, [NotNullWhen(false)] out IActionResult? problem)
    {
        var blob = request.Query["blob"].ToString();
        if (string.IsNullOrWhiteSpace(blob) || blob.Length > MaxBlobNameLength)
        {
            parsed = null;
            problem = ApiResults.Problem(StatusCodes.Status400BadRequest, "Missing or invalid blob name", $"Pass the uploaded blob's name, for example ?blob=2023/07/article.md (at most {MaxBlobNameLength} characters).");
            return false;
        }

        parsed = new IngestStatusRequest(blob);
        problem = null;
        return true;
    }
}
