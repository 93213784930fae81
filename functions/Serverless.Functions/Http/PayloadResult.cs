using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Serverless.Functions.Http;

/// <summary>
/// A complete response body with its content type. Writes itself to the response, so it behaves the same under
/// the Functions host and the local host, and adds a strong ETag (answering 304 to a matching If-None-Match) and
/// Cache-Control.
/// </summary>
public sealed class PayloadResult : IActionResult
{
    private readonly ReadOnlyMemory<byte> _body;

    public PayloadResult(int statusCode, string contentType, ReadOnlyMemory<byte> body, int maxAgeSeconds)
    {
        StatusCode = statusCode;
        ContentType = contentType;
        _body = body;
        MaxAgeSeconds = maxAgeSeconds;
        ETag = $"\"{Convert.ToHexStringLower(SHA256.HashData(body.Span)[..12])}\"";
    }

    /// <summary>The HTML pages' Content-Security-Policy: no script, no frames, no plugins; their inline style and https images only.</summary>
    public const string PageSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src https:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public int StatusCode { get; }

    public string ContentType { get; }

    public int MaxAgeSeconds { get; }

    public string ETag { get; }

    public ReadOnlyMemory<byte> Body => _body;

    /// <summary>Sent as Content-Security-Policy when set (HTML responses).</summary>
    public string? ContentSecurityPolicy { get; init; }

    /// <summary>Sent as Retry-After when set (503 responses).</summary>
    public int? RetryAfterSeconds { get; init; }

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var request = context.HttpContext.Request;
        var response = context.HttpContext.Response;
        response.Headers.ETag = ETag;
        response.Headers.CacheControl = MaxAgeSeconds > 0 ? $"public, max-age={MaxAgeSeconds}" : "no-cache";
        response.Headers.Vary = HeaderNames.Accept;
        response.Headers.XContentTypeOptions = "nosniff";
        if (ContentSecurityPolicy is not null)
        {
            response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        }
        if (RetryAfterSeconds is { } retryAfter)
        {
            response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (StatusCode == StatusCodes.Status200OK && Matches(request.Headers.IfNoneMatch))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.StatusCode = StatusCode;
        response.ContentType = ContentType;
        response.ContentLength = _body.Length;
        if (!HttpMethods.IsHead(request.Method))
        {
            await response.Body.WriteAsync(_body, context.HttpContext.RequestAborted);
        }
    }

    private bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch)
    {
        foreach (var value in ifNoneMatch)
        {
            foreach (var tag in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (tag == "*" || tag == ETag || tag == $"W/{ETag}")
                {
                    return true;
                }
            }
        }

        return false;
    }
}
