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

    /// <summary>A JSON body: <paramref name="value"/> is one of the typed response records, serialized as its runtime type.</summary>
    public static IActionResult Json(HttpRequest request, object value, int maxAgeSeconds, int statusCode = StatusCodes.Status200OK) =>
        new PayloadResult(statusCode, "application/json; charset=utf-8", JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), SerializerOptions), maxAgeSeconds);

    /// <summary>
    /// An RFC 9457 problem: <paramref name="detail"/> says what to change to succeed; <paramref name="retryAfterSeconds"/>,
    /// when set, is sent as Retry-After.
    /// </summary>
    public static PayloadResult Problem(int status, string title, string detail, string? instance = null, int? retryAfterSeconds = null) =>
        new(
            status,
            "application/problem+json; charset=utf-8",
            JsonSerializer.SerializeToUtf8Bytes(new ProblemDetailsResponse($"https://httpstatuses.io/{status}", title, status, detail, instance), SerializerOptions),
            maxAgeSeconds: 0)
        {
            RetryAfterSeconds = retryAfterSeconds,
        };

    /// <summary>Client text quoted in a problem, cut to 64 characters so a huge parameter does not come back whole.</summary>
    public static string Shorten(string text) => text.Length <= 64 ? text : text[..61] + "...";
}
