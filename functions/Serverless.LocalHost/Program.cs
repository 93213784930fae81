using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Azure.WebJobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Serverless.Domain.Configuration;
using Serverless.Functions.Telemetry;
using Serverless.LocalHost;
using Serverless.LocalHost.Blobs;
using Serverless.LocalHost.Catalog;
using Serverless.LocalHost.Http;
using Serverless.LocalHost.Queues;
using Serverless.LocalHost.Settings;
using Serverless.LocalHost.Timers;

var options = new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory };
var builder = WebApplication.CreateBuilder(options);
builder.Configuration.AddLocalSettings(Path.Combine(AppContext.BaseDirectory, LocalSettings.FileName));
if (string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]) && string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    // The port func start uses, so URLs in the README work the same with either host.
    builder.WebHost.UseUrls("http://localhost:7071");
}

// The Azure SDK logs every request at Information; keep the console to what a developer wants to read.
builder.Logging.AddFilter("Azure", LogLevel.Warning);
builder.Logging.AddFilter("Microsoft.Azure.WebJobs.Hosting.OptionsLoggingService", LogLevel.Warning);
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Logging.AddSimpleConsole(console => console.SingleLine = true);

// Bounded requests, as the Functions host bounds them with FUNCTIONS_REQUEST_BODY_SIZE_LIMIT: the API reads no bodies.
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Limits.MaxRequestBodySize = long.TryParse(builder.Configuration["FUNCTIONS_REQUEST_BODY_SIZE_LIMIT"], out var limit) ? limit : 1_048_576;
    kestrel.Limits.MaxRequestLineSize = 8 * 1024;
    kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
});

var catalog = FunctionCatalog.ForFunctionApp();
if (FunctionAppValidator.Validate(catalog) is { Count: > 0 } functionErrors)
{
    // The Functions host would start without these functions and answer 404 for them; stopping makes that visible.
    foreach (var error in functionErrors)
    {
        Console.Error.WriteLine(error);
    }

    Console.Error.WriteLine("The local host does not start: the Functions host (in Azure and under func start) would put these functions in error.");
    return 1;
}

// Under the Functions host a blob trigger with the Event Grid source never polls; the local host polls it too, as a
// safety net, unless LocalHost__PollEventGridBlobs=false makes it behave exactly like func start (events and the
// recovery timer only).
var pollEventGridBlobs = builder.Configuration.GetValue(EventGridBlobTargets.PollSetting, defaultValue: true);
IReadOnlyList<Type> adapterTypes =
[
    .. BlobAdapterFactory.CreateAdapterTypes(catalog.OfKind(TriggerKind.Blob).Where(f => pollEventGridBlobs || !EventGridBlobTargets.IsEventGridTrigger(f))),
    .. QueueAdapterFactory.CreateAdapterTypes(catalog.OfKind(TriggerKind.Queue)),
];

// The worker's telemetry setup, exported the same way; the server spans of requests stand in for the Functions host's.
builder.Services.AddPipelineTelemetry(
    builder.Configuration,
    host: otel => otel.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation()),
    serviceName: "news-pipeline-localhost");
builder.Services.AddNewsPipeline(builder.Configuration);
builder.Services.AddSingleton(catalog);
builder.Services.AddSingleton<FunctionInvoker>();
builder.Services.AddSingleton<BlobFunctionDispatcher>();
builder.Services.AddSingleton<QueueFunctionDispatcher>();
builder.Services.AddHostedService<TimerFunctionScheduler>();
builder.Services.AddSingleton(new EventGridBlobTargets(catalog, builder.Configuration));
if (adapterTypes.Count > 0)
{
    builder.Services.AddSingleton<ITypeLocator>(new GeneratedTypeLocator(adapterTypes));
    builder.Services.AddHostedService<BlobListenerSupervisor>();
}

var app = builder.Build();
app.MapHttpFunctions(catalog, HttpFunctionEndpoints.ReadRoutePrefix(Path.Combine(AppContext.BaseDirectory, "host.json")));
app.MapBlobWebhook();
app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app, catalog, pollEventGridBlobs));
await app.RunAsync();
return 0;
