using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serverless.Domain.Storage;
using Serverless.Functions.Http;
using Serverless.LocalHost.Http;

namespace Serverless.LocalHost.Blobs;

/// <summary>
/// The Functions host's blob webhook, <c>POST /runtime/webhooks/blobs?functionName=Host.Functions.{Name}</c>, where
/// Event Grid delivers BlobCreated events to blob triggers with the Event Grid source: the subscription validation
/// handshake, and notifications, whose blobs go through the same dispatcher as the polling listener's (the
/// function's own class, bound by <see cref="BlobFunctionDispatcher"/>). The function runs before the answer, so a
/// caller that gets 202 can read the outcome at once; the real host queues it and answers 202 too.
/// </summary>
public static partial class BlobWebhookEndpoint
{
    public const string Route = "runtime/webhooks/blobs";
    public const string EventTypeHeader = "aeg-event-type";

    public static void MapBlobWebhook(this WebApplication app) => app.MapPost(Route, HandleAsync);

    private static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BlobWebhookEndpoint).FullName!);
        var targets = services.GetRequiredService<EventGridBlobTargets>();
        var functionId = context.Request.Query["functionName"].ToString();
        var known = string.Join(", ", targets.All.Select(t => t.FunctionId));
        if (string.IsNullOrEmpty(functionId))
        {
            await WriteAsync(context, ApiResults.Problem(StatusCodes.Status400BadRequest, "functionName is required",
                $"Name the blob function in the functionName query parameter: {known}."));
            return;
        }

        if (!targets.TryGet(functionId, out var target))
        {
            await WriteAsync(context, ApiResults.Problem(StatusCodes.Status404NotFound, "No such blob function",
                $"No blob function with the Event Grid source is named '{functionId}'. This app has: {known}."));
            return;
        }

        if (services.GetRequiredService<IConfiguration>()[HttpFunctionEndpoints.FunctionKeySetting] is { Length: > 0 } key &&
            !HttpFunctionEndpoints.HasKey(context.Request, key))
        {
            await WriteAsync(context, ApiResults.Problem(StatusCodes.Status401Unauthorized, "A key is required",
                "Send the key (LocalHost__FunctionKey) in the x-functions-key header or the code query parameter."));
            return;
        }

        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var eventType = context.Request.Headers[EventTypeHeader].ToString();
        try
        {
            if (string.Equals(eventType, "SubscriptionValidation", StringComparison.OrdinalIgnoreCase))
            {
                var code = EventGridDelivery.ReadValidationCode(body);
                LogHandshake(logger, target.FunctionId);
                await WriteAsync(context, ApiResults.Json(context.Request, new { validationResponse = code }, maxAgeSeconds: 0));
            }
            else if (string.Equals(eventType, "Notification", StringComparison.OrdinalIgnoreCase))
            {
                await NotifyAsync(context, target, EventGridDelivery.ReadNotification(body), logger);
            }
            else if (string.Equals(eventType, "Unsubscribe", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.StatusCode = StatusCodes.Status202Accepted;
            }
            else
            {
                await WriteAsync(context, ApiResults.Problem(StatusCodes.Status400BadRequest, "Unknown delivery",
                    $"The {EventTypeHeader} header must be Notification or SubscriptionValidation (Event Grid sets it), not '{eventType}'."));
            }
        }
        catch (FormatException ex)
        {
            await WriteAsync(context, ApiResults.Problem(StatusCodes.Status400BadRequest, "Not an Event Grid delivery", ex.Message));
        }
    }

    private static async Task NotifyAsync(HttpContext context, EventGridBlobTarget target, IReadOnlyList<BlobEvent> events, ILogger logger)
    {
        // Every event is checked before any runs, so a bad delivery changes nothing.
        if (events.FirstOrDefault(e => e.IsBlobCreated && !target.Watches(e.ContainerName, e.BlobName)) is { } elsewhere)
        {
            throw new FormatException(
                $"Event '{elsewhere.Id}' is about {elsewhere.ContainerName}/{elsewhere.BlobName}, which {target.Function.Name} does not watch " +
                $"(container '{target.Container.Name}'{(target.BlobPrefix.Length > 0 ? $", names starting with '{target.BlobPrefix}'" : string.Empty)}).");
        }

        var dispatcher = context.RequestServices.GetRequiredService<BlobFunctionDispatcher>();
        // The ingest finishes even if the caller hangs up: it is the delivery, not the caller, that matters.
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        foreach (var blobEvent in events)
        {
            if (!blobEvent.IsBlobCreated)
            {
                LogIgnored(logger, blobEvent.EventType, blobEvent.Id, target.FunctionId);
                continue;
            }

            var blobPath = $"{blobEvent.ContainerName}/{blobEvent.BlobName}";
            LogDelivered(logger, blobPath, target.FunctionId);
            try
            {
                await dispatcher.InvokeAsync(
                    target.Function.Name, target.Container.GetBlobClient(blobEvent.BlobName), $"New blob detected(EventGrid): {blobPath}", stopping);
            }
            catch (Exception ex) when (StorageUnavailableAnswer.AppliesTo(ex))
            {
                await WriteAsync(context, StorageUnavailableAnswer.For(ex, target.Function.Name, logger));
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await WriteAsync(context, ApiResults.Problem(StatusCodes.Status500InternalServerError, $"{target.Function.Name} failed",
                    $"{target.Function.Name} failed on {blobPath}: {ex.Message}. Deliver the event again; the recovery timer also retries the blob."));
                return;
            }
        }

        context.Response.StatusCode = StatusCodes.Status202Accepted;
    }

    private static Task WriteAsync(HttpContext context, IActionResult result) =>
        result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));

    [LoggerMessage(Level = LogLevel.Information, Message = "Blob webhook: BlobCreated for {BlobPath} delivered to {FunctionId}")]
    private static partial void LogDelivered(ILogger logger, string blobPath, string functionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Blob webhook: subscription validation handshake for {FunctionId}")]
    private static partial void LogHandshake(ILogger logger, string functionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Blob webhook: ignored a {EventType} event ({EventId}) for {FunctionId}; only BlobCreated fires a blob trigger")]
    private static partial void LogIgnored(ILogger logger, string eventType, string eventId, string functionId);
}
