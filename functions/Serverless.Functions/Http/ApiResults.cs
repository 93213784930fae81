using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Serverless.Functions.Http;

/// <summary>Builds the responses every HTTP function returns: JSON bodies and RFC 9457 problem details.</summary>
public static class ApiResults
{
    public static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private const int StorageRetryAfterSeconds = 5;

    public static IActionResult Json(HttpRequest request, object value, int maxAgeSeconds, int statusCode = StatusCodes.Status200OK) =>
        new PayloadResult(statusCode, "application/json; charset=utf-8", JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), SerializerOptions), maxAgeSeconds);

    /// <summary>503 with Retry-After: storage did not answer, so the same request may well succeed shortly.</summary>
    public static IActionResult StorageUnavailable() =>
        new PayloadResult(
            StatusCodes.Status503ServiceUnavailable,
            "application/problem+json; charset=utf-8",
            JsonSerializer.SerializeToUtf8Bytes(
                new ProblemDetails
                {
                    Type = "https://httpstatuses.io/503",
                    Title = "Storage unavailable",
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Detail = "The pipeline's storage (the AzureWebJobsStorage setting) did not answer. Retry in a few seconds; when running locally, check that Azurite is running.",
                },
                SerializerOptions),
            maxAgeSeconds: 0)
        {
            RetryAfterSeconds = StorageRetryAfterSeconds,
        };

    /// <summary>An RFC 9457 problem: <paramref name="detail"/> says what to change to succeed.</summary>
    public static IActionResult Problem(int status, string title, string detail, string? instance = null)
    {
        var problem = new ProblemDetails
        {
            Type = $"https://httpstatuses.io/{status}",
            Title = title,
            Status = status,
            Detail = detail,
            Instance = instance,
        };
        return new PayloadResult(status, "application/problem+json; charset=utf-8", JsonSerializer.SerializeToUtf8Bytes(problem, SerializerOptions), maxAgeSeconds: 0);
    }
}
