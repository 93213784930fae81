using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serverless.Functions.Http;
using Serverless.LocalHost.Catalog;
using WorkerAuthorizationLevel = Microsoft.Azure.Functions.Worker.AuthorizationLevel;
using WorkerHttpTrigger = Microsoft.Azure.Functions.Worker.HttpTriggerAttribute;

namespace Serverless.LocalHost.Http;

/// <summary>
/// Maps every HTTP-triggered function onto the route the Functions host gives it (<c>{routePrefix}/{Route}</c>, the
/// prefix from host.json) with the same methods.
/// </summary>
public static class HttpFunctionEndpoints
{
    /// <summary>The setting that, when set, makes the local host demand a key for Function- and Admin-level routes.</summary>
    public const string FunctionKeySetting = "LocalHost:FunctionKey";

    public static string ReadRoutePrefix(string hostJsonPath)
    {
        if (!File.Exists(hostJsonPath))
        {
            return "api";
        }

        var host = JsonNode.Parse(File.ReadAllText(hostJsonPath));
        return host?["extensions"]?["http"]?["routePrefix"]?.GetValue<string>() ?? "api";
    }

    public static string RouteOf(FunctionDescriptor function, string routePrefix)
    {
        var trigger = (WorkerHttpTrigger)function.Trigger;
        var route = trigger.Route ?? function.Name;
        return string.IsNullOrEmpty(routePrefix) ? route : $"{routePrefix}/{route}";
    }

    public static void MapHttpFunctions(this WebApplication app, FunctionCatalog catalog, string routePrefix)
    {
        foreach (var function in catalog.OfKind(TriggerKind.Http))
        {
            var trigger = (WorkerHttpTrigger)function.Trigger;
            var methods = trigger.Methods is { Length: > 0 } declared
                ? declared.Select(m => m.ToUpperInvariant()).ToArray()
                : ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];
            app.MapMethods(RouteOf(function, routePrefix), methods, context => HandleAsync(context, function, trigger))
                .WithName(function.Name);
        }
    }

    private static async Task HandleAsync(HttpContext context, FunctionDescriptor function, WorkerHttpTrigger trigger)
    {
        var configuration = context.RequestServices.GetRequiredService<IConfiguration>();
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } maxBody &&
            context.Request.ContentLength > maxBody)
        {
            // Refused before the function runs, whether or not it would read the body.
            await ApiResults.Problem(
                StatusCodes.Status413PayloadTooLarge,
                "Request too large",
                $"Request bodies are limited to {maxBody:N0} bytes (FUNCTIONS_REQUEST_BODY_SIZE_LIMIT).").ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
            return;
        }

        if (trigger.AuthLevel is WorkerAuthorizationLevel.Function or WorkerAuthorizationLevel.Admin &&
            configuration[FunctionKeySetting] is { Length: > 0 } key &&
            !HasKey(context.Request, key))
        {
            var problem = ApiResults.Problem(
                StatusCodes.Status401Unauthorized,
                "A function key is required",
                "Send the key in the x-functions-key header or the code query parameter.");
            await problem.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
            return;
        }

        var invoker = context.RequestServices.GetRequiredService<FunctionInvoker>();
        object? result;
        try
        {
            result = await invoker.InvokeAsync(function, (parameter, _) => Bind(context, function, parameter), context.RequestAborted);
        }
        catch (Exception exception) when (StorageUnavailableAnswer.AppliesTo(exception))
        {
            // The answer StorageUnavailableMiddleware gives in the worker, whose middleware the local host does not run.
            result = StorageUnavailableAnswer.For(exception, function.Name, context.RequestServices.GetRequiredService<ILogger<StorageUnavailableMiddleware>>());
        }

        switch (result)
        {
            case IActionResult actionResult:
                await actionResult.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
                break;
            case IResult httpResult:
                await httpResult.ExecuteAsync(context);
                break;
            case null:
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                break;
            default:
                throw new NotSupportedException($"Function '{function.Name}' returned {result.GetType().Name}; the local host executes IActionResult and IResult.");
        }
    }

    private static ValueTask<object?> Bind(HttpContext context, FunctionDescriptor function, ParameterInfo parameter)
    {
        if (parameter.ParameterType == typeof(HttpRequest))
        {
            return ValueTask.FromResult<object?>(context.Request);
        }

        if (parameter.ParameterType == typeof(HttpContext))
        {
            return ValueTask.FromResult<object?>(context);
        }

        if (parameter.Name is { } name && context.Request.RouteValues.TryGetValue(name, out var value))
        {
            return ValueTask.FromResult<object?>(Convert.ChangeType(value, parameter.ParameterType, System.Globalization.CultureInfo.InvariantCulture));
        }

        throw new NotSupportedException($"The local host cannot bind parameter '{parameter.Name}' ({parameter.ParameterType.Name}) of HTTP function '{function.Name}'.");
    }

    internal static bool HasKey(HttpRequest request, string key)
    {
        var supplied = request.Headers["x-functions-key"].ToString();
        if (string.IsNullOrEmpty(supplied))
        {
            supplied = request.Query["code"].ToString();
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(supplied), Encoding.UTF8.GetBytes(key));
    }
}
