using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Serverless.Domain.Configuration;
using Serverless.Functions.Http;
using Serverless.Functions.Telemetry;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<StorageUnavailableMiddleware>();
builder.Services.AddNewsPipeline(builder.Configuration);
builder.Services.AddPipelineTelemetry(builder.Configuration);
builder.Build().Run();
