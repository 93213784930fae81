using System.Diagnostics;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serverless.Domain.Telemetry;

namespace Serverless.LocalHost.Catalog;

/// <summary>
/// Runs a function the way the isolated worker does: a new DI scope per invocation, the class built by constructor
/// injection, arguments bound by the trigger adapter, an execution log line like the Functions host's, and a span named
/// after the function like the worker's invocation span (under the request's server span for HTTP, a trace's root for
/// blob and timer triggers).
/// </summary>
public sealed partial class FunctionInvoker
{
    private readonly IServiceProvider _services;
    private readonly ILogger<FunctionInvoker> _logger;

    public FunctionInvoker(IServiceProvider services, ILogger<FunctionInvoker> logger)
    {
        _services = services;
        _logger = logger;
    }

    /// <summary>Invokes <paramref name="function"/>; <paramref name="bind"/> supplies every argument but the CancellationToken.</summary>
    public Task<object?> InvokeAsync(
        FunctionDescriptor function,
        Func<ParameterInfo, CancellationToken, ValueTask<object?>> bind,
        CancellationToken cancellationToken) =>
        InvokeAsync(function, reason: null, bind, cancellationToken);

    /// <summary>As above, logging <paramref name="reason"/> (what fired the trigger) as the Functions host does.</summary>
    public async Task<object?> InvokeAsync(
        FunctionDescriptor function,
        string? reason,
        Func<ParameterInfo, CancellationToken, ValueTask<object?>> bind,
        CancellationToken cancellationToken)
    {
        var invocationId = Guid.NewGuid();
        using var span = PipelineTelemetry.Source.StartActivity(function.Name, function.Kind is TriggerKind.Blob or TriggerKind.Queue ? ActivityKind.Consumer : ActivityKind.Internal);
        span?.SetTag("faas.name", function.Name);
        span?.SetTag("faas.invocation_id", invocationId.ToString());
        span?.SetTag("faas.trigger", function.Kind switch { TriggerKind.Http => "http", TriggerKind.Blob => "datasource", TriggerKind.Queue => "pubsub", _ => "timer" });
        if (reason is null)
        {
            LogExecuting(function.Name, invocationId);
        }
        else
        {
            LogExecutingFor(function.Name, reason, invocationId);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            await using var scope = _services.CreateAsyncScope();
            var instance = function.Method.IsStatic ? null : ActivatorUtilities.CreateInstance(scope.ServiceProvider, function.FunctionType);
            var parameters = function.Method.GetParameters();
            var arguments = new object?[parameters.Length];
            for (var i = 0; i < parameters.Length; i++)
            {
                arguments[i] = parameters[i].ParameterType == typeof(CancellationToken)
                    ? cancellationToken
                    : await bind(parameters[i], cancellationToken);
            }

            var returned = function.Method.Invoke(instance, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null);
            var result = await UnwrapAsync(function.Method.ReturnType, returned);
            LogExecuted(function.Name, invocationId, "Succeeded", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return result;
        }
        catch (Exception ex)
        {
            span?.SetStatus(ActivityStatusCode.Error, ex.Message);
            LogFailed(ex, function.Name, invocationId, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }

    private static async Task<object?> UnwrapAsync(Type returnType, object? returned)
    {
        switch (returned)
        {
            case Task task:
                await task;
                return returnType.IsGenericType ? returnType.GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
            case ValueTask valueTask:
                await valueTask;
                return null;
            default:
                if (returned is not null && returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
                {
                    var asTask = (Task)returnType.GetMethod(nameof(ValueTask<object>.AsTask))!.Invoke(returned, null)!;
                    await asTask;
                    return asTask.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(asTask);
                }

                return returned;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Executing 'Functions.{Function}' (Id={InvocationId})")]
    private partial void LogExecuting(string function, Guid invocationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Executing 'Functions.{Function}' (Reason='{Reason}', Id={InvocationId})")]
    private partial void LogExecutingFor(string function, string reason, Guid invocationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Executed 'Functions.{Function}' ({Outcome}, Id={InvocationId}, Duration={DurationMs:F0}ms)")]
    private partial void LogExecuted(string function, Guid invocationId, string outcome, double durationMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Executed 'Functions.{Function}' (Failed, Id={InvocationId}, Duration={DurationMs:F0}ms)")]
    private partial void LogFailed(Exception exception, string function, Guid invocationId, double durationMs);
}
