using System.Text.Json;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Serverless.Functions.Http;

namespace Serverless.UnitTests.Functions;

/// <summary>The worker middleware itself, invoked as the isolated worker invokes it, around a function that throws.</summary>
public sealed class StorageUnavailableMiddlewareTests
{
    private readonly StorageUnavailableMiddleware _middleware = new(NullLogger<StorageUnavailableMiddleware>.Instance);

    [Fact]
    public async Task AnHttpFunctionWhoseStorageDidNotAnswerGets503ProblemWithRetryAfter()
    {
        var http = NewHttpContext();

        await _middleware.Invoke(FunctionContextFor(http), _ => throw new RequestFailedException(0, "Connection refused", new HttpRequestException("Connection refused")));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, http.Response.StatusCode);
        Assert.Equal("5", http.Response.Headers.RetryAfter.ToString());
        Assert.Equal("application/problem+json; charset=utf-8", http.Response.ContentType);
        var problem = JsonDocument.Parse(((MemoryStream)http.Response.Body).ToArray()).RootElement;
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Contains("AzureWebJobsStorage", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFunctionWithoutHttpStillSeesTheOutageSoItsTriggerRetries()
    {
        var outage = new RequestFailedException(503, "Server busy");

        var thrown = await Assert.ThrowsAsync<RequestFailedException>(() => _middleware.Invoke(FunctionContextFor(http: null), _ => throw outage));

        Assert.Same(outage, thrown);
    }

    [Fact]
    public async Task AFailureThatIsNotAnOutageIsNotTurnedInto503()
    {
        var http = NewHttpContext();

        await Assert.ThrowsAsync<RequestFailedException>(() => _middleware.Invoke(FunctionContextFor(http), _ => throw new RequestFailedException(403, "Forbidden")));

        Assert.Equal(StatusCodes.Status200OK, http.Response.StatusCode);
        Assert.Equal(0, http.Response.Body.Length);
    }

    [Fact]
    public async Task ASuccessfulFunctionRunsOnceAndIsLeftAlone()
    {
        var http = NewHttpContext();
        var calls = 0;

        await _middleware.Invoke(FunctionContextFor(http), _ =>
        {
            calls++;
            return Task.CompletedTask;
        });

        Assert.Equal(1, calls);
        Assert.Equal(StatusCodes.Status200OK, http.Response.StatusCode);
        Assert.False(http.Response.Headers.ContainsKey("Retry-After"));
    }

    private static DefaultHttpContext NewHttpContext()
    {
        var http = new DefaultHttpContext();
        http.Request.Method = HttpMethods.Get;
        http.Response.Body = new MemoryStream();
        return http;
    }

    /// <summary>A context as the worker's ASP.NET Core integration hands it over: the HttpContext in its items.</summary>
    private static FunctionContext FunctionContextFor(HttpContext? http)
    {
        var definition = new Mock<FunctionDefinition>();
        definition.SetupGet(d => d.Name).Returns("GetIngestStatus");
        var items = new Dictionary<object, object>();
        if (http is not null)
        {
            // The key under which Microsoft.Azure.Functions.Worker.Extensions.Http.AspNetCore keeps the request's context.
            items["HttpRequestContext"] = http;
        }

        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.FunctionDefinition).Returns(definition.Object);
        context.SetupGet(c => c.Items).Returns(items);
        return context.Object;
    }
}
