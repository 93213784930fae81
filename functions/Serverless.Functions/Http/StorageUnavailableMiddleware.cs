using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;
using Serverless.Domain.Storage;

namespace Serverless.Functions.Http;

/// <summary>
/// Answers an HTTP request that failed because storage did not answer with 503 problem+json and Retry-After, instead
/// of a bare 500. Other triggers are left alone: a blob trigger must see the exception to be retried.
/// </summary>
public sealed partial class StorageUnavailableMiddleware : IFunctionsWorkerMiddleware
{
    private readonly ILogger<StorageUnavailableMiddleware> _logger;

    public StorageUnavailableMiddleware(ILogger<StorageUnavailableMiddleware> logger)
    {
        _logger = logger;
    }

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (StorageFaults.IsUnavailable(exception) && context.GetHttpContext() is not null)
        {
            LogStorageUnavailable(exception, context.FunctionDefinition.Name);
            var http = context.GetHttpContext()!;
            await ApiResults.StorageUnavailable().ExecuteResultAsync(new ActionContext(http, new RouteData(), new ActionDescriptor()));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function} answered 503: storage did not answer.")]
    private partial void LogStorageUnavailable(Exception exception, string function);
}
