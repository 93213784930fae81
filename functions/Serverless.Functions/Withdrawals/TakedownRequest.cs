using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Serverless.Domain.Stores;
using Serverless.Functions.Http;

namespace Serverless.Functions.Withdrawals;

/// <summary>The body of a takedown: why the article comes down, for the record.</summary>
/// <param name="Reason">Why (a legal request, an error, a duplicate feed); required, up to 2,000 characters.</param>
public sealed record TakedownRequest(string Reason)
{
    /// <summary>The request's reason, or the problem when the body is not JSON or has no reason.</summary>
    public static async Task<(TakedownRequest? Parsed, IActionResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        string? reason = null;
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            if (body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("reason", out var value) && value.ValueKind == JsonValueKind.String)
            {
                reason = value.GetString();
            }
        }
        catch (JsonException)
        {
            // Answered below, as a body without a reason.
        }

        if (!IsValid(reason))
        {
            return (null, ApiResults.Problem(
                StatusCodes.Status400BadRequest,
                "A reason is required",
                $"Send a JSON body such as {{\"reason\": \"legal request 2026-114\"}}: the reason is kept in the audit record (1 to {ArticleEntityCodec.MaxReasonChars:N0} characters)."));
        }

        return (new TakedownRequest(reason.Trim()), null);
    }

    private static bool IsValid([NotNullWhen(true)] string? reason) =>
        !string.IsNullOrWhiteSpace(reason) && reason.Length <= ArticleEntityCodec.MaxReasonChars;
}
