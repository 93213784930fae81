using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Serverless.LocalHost.Blobs;
using Serverless.LocalHost.Catalog;
using Serverless.LocalHost.Http;

namespace Serverless.LocalHost;

/// <summary>Prints the functions and their URLs at start-up, as <c>func start</c> does.</summary>
public static class StartupBanner
{
    public static void Print(WebApplication app, FunctionCatalog catalog, bool pollEventGridBlobs)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:7071";
        var prefix = HttpFunctionEndpoints.ReadRoutePrefix(Path.Combine(AppContext.BaseDirectory, "host.json"));
        Console.WriteLine();
        Console.WriteLine("Functions:");
        foreach (var function in catalog.Functions)
        {
            var detail = function.Trigger switch
            {
                HttpTriggerAttribute http => $"[{string.Join(',', http.Methods ?? ["ALL"]).ToUpperInvariant()}] {address}/{HttpFunctionEndpoints.RouteOf(function, prefix)}",
                BlobTriggerAttribute { Source: BlobTriggerSource.EventGrid } blob =>
                    $"blobTrigger {blob.BlobPath}, events: [POST] {address}/{BlobWebhookEndpoint.Route}?functionName={EventGridBlobTargets.FunctionIdPrefix}{function.Name}" +
                    (pollEventGridBlobs ? ", also polled" : ", not polled (LocalHost__PollEventGridBlobs=false)"),
                BlobTriggerAttribute blob => $"blobTrigger {blob.BlobPath}",
                TimerTriggerAttribute timer => $"timerTrigger {timer.Schedule}",
                QueueTriggerAttribute queue => $"queueTrigger {queue.QueueName}",
                _ => function.Kind.ToString(),
            };
            Console.WriteLine($"        {function.Name}: {detail}");
        }

        Console.WriteLine();
        Console.Out.Flush();
    }
}
