using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Hosting;
using Serverless.Domain.Configuration;
using Serverless.Functions.Http;
using Serverless.Functions.Telemetry;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<StorageUnavailableMiddleware>();
builder.Services.AddPipelineTelemetry(builder.Configuration, host: otel => otel.UseFunctionsWorkerDefaults());
builder.Services.AddNewsPipeline(builder.Configuration);
builder.Build().Run();
