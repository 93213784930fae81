using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Serverless.Functions.Http;

/// <summary>
/// A 301 to <see cref="Location"/>, cacheable like the pages it stands for. Writes itself to the response, so it
/// behaves the same under the Functions host and the local host.
/// </summary>
public sealed class PermanentRedirectResult : IActionResult
{
    public PermanentRedirectResult(Uri location, int maxAgeSeconds)
    {
        Location = location;
        MaxAgeSeconds = maxAgeSeconds;
    }

    public Uri Location { get; }

    public int MaxAgeSeconds { get; }

    public Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status301MovedPermanently;
        response.Headers.Location = Location.AbsoluteUri;
        response.Headers.CacheControl = MaxAgeSeconds > 0 ? $"public, max-age={MaxAgeSeconds}" : "no-cache";
        response.ContentLength = 0;
        return Task.CompletedTask;
    }
}
