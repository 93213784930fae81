using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Serverless.Functions.Http;

namespace Serverless.Functions.Scoring;

/// <summary>The parameter of a manual run: <c>?releaseParked=true</c> puts parked journal entries back first (after the cause is fixed).</summary>
public sealed record RescoreRequest(bool ReleaseParked) : IDocumentedQuery
{
    public static IReadOnlyList<QueryParameterDescription> QueryParameters { get; } =
    [
        new("releaseParked", "boolean", "true: journal entries parked after their last attempt go back into the journal before the run (they settle first, so the next run takes them)."),
    ];

    public static bool TryParse(HttpRequest request, [NotNullWhen(true)] out RescoreRequest? parsed, [NotNullWhen(false)] out IActionResult? problem)
    {
        var value = request.Query["releaseParked"].ToString();
        if (value.Length == 0 || bool.TryParse(value, out _))
        {
            parsed = new RescoreRequest(value.Length > 0 && bool.Parse(value));
            problem = null;
            return true;
        }

        parsed = null;
        problem = ApiResults.Problem(StatusCodes.Status400BadRequest, "Invalid releaseParked", "Pass releaseParked=true to put parked journal entries back, or leave it out.");
        return false;
    }
}
