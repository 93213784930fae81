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

    public static IActionResult Json(HttpRequest request, object value, int maxAgeSeconds, int statusCode = StatusCodes.Status200OK) =>
        new PayloadResult(statusCode, "application/json; charset=utf-8", JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), SerializerOptions), maxAgeSeconds);

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
