using Azure.Identity;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Serverless.Functions.Telemetry;

/// <summary>
/// Application Insights for the worker's logs, traces and the pipeline's counters, switched on by
/// APPLICATIONINSIGHTS_CONNECTION_STRING (set in Azure, absent locally). With APPLICATIONINSIGHTS_AUTHENTICATION_STRING
/// (<c>ClientId=...;Authorization=AAD</c>) telemetry is sent with the managed identity's token, as the deployment
/// requires (local authentication is disabled on the resource).
/// </summary>
public static class TelemetrySetup
{
    public static bool AddPipelineTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
        {
            return false;
        }

        services.AddApplicationInsightsTelemetryWorkerService();
        services.ConfigureFunctionsApplicationInsights();
        if (ClientId(configuration["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]) is { } clientId)
        {
            services.Configure<TelemetryConfiguration>(telemetry =>
                telemetry.SetAzureTokenCredential(new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))));
        }

        services.AddHostedService<PipelineMetricsForwarder>();
        return true;
    }

    private static string? ClientId(string? authentication) =>
        authentication?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2 && pair[0].Equals("ClientId", StringComparison.OrdinalIgnoreCase))
            .Select(pair => pair[1])
            .FirstOrDefault();
}
