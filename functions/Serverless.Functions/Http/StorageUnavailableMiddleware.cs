using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace Serverless.Functions.Http;

/// <summary>
/// Answers an HTTP request that failed because storage did not answer with <see cref="StorageUnavailableAnswer"/>.
/// Other triggers are left alone: a blob trigger must see the exception to be retried.
/// </summary>
public sealed class StorageUnavailableMiddleware : IFunctionsWorkerMiddleware
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
        catch (Exception exception) when (StorageUnavailableAnswer.AppliesTo(exception) && context.GetHttpContext() is not null)
        {
            var answer = StorageUnavailableAnswer.For(exception, context.FunctionDefinition.Name, _logger);
            await answer.ExecuteResultAsync(new ActionContext(context.GetHttpContext()!, new RouteData(), new ActionDescriptor()));
        }
    }
}
