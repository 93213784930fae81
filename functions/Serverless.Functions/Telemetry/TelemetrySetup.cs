using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Serverless.Domain.Telemetry;

namespace Serverless.Functions.Telemetry;

/// <summary>
/// OpenTelemetry for the pipeline's traces, metrics and logs: the one setup both hosts call (the worker's Program and
/// the local host's). Exporters follow the settings: Azure Monitor when APPLICATIONINSIGHTS_CONNECTION_STRING is set
/// (with APPLICATIONINSIGHTS_AUTHENTICATION_STRING <c>ClientId=...;Authorization=AAD</c> it sends with that managed
/// identity's token, since local authentication is disabled on the resource), OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is
/// set (a collector, the Aspire dashboard; OTEL_EXPORTER_OTLP_PROTOCOL and _HEADERS apply), both when both are set,
/// and nothing otherwise: then no listener is registered and no span or measurement is even built.
/// </summary>
public static class TelemetrySetup
{
    public const string AzureMonitorSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AzureMonitorAuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ServiceNameSetting = "OTEL_SERVICE_NAME";

    /// <summary>
    /// Registers OpenTelemetry when an exporter is configured or <paramref name="exporters"/> adds one (tests add an
    /// in-memory exporter), and returns whether it did. <paramref name="host"/> adds the host's own instrumentation
    /// before the exporters (the worker's defaults, the local host's HTTP server spans). <paramref name="serviceName"/>
    /// names the service unless OTEL_SERVICE_NAME does (the worker passes none: the Functions resource detector names
    /// it after the site).
    /// </summary>
    public static bool AddPipelineTelemetry(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<IOpenTelemetryBuilder>? host = null,
        string? serviceName = null,
        Action<IOpenTelemetryBuilder>? exporters = null)
    {
        var azureMonitor = Setting(configuration, AzureMonitorSetting);
        var otlp = Setting(configuration, OtlpEndpointSetting) is not null;
        if (azureMonitor is null && !otlp && exporters is null)
        {
            return false;
        }

        // Read once by the Azure SDK, when its first client is built: the caller sets this up before any.
        AppContext.SetSwitch(PipelineTelemetry.AzureSdkActivitySwitch, true);
        var builder = services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(PipelineTelemetry.SourceName, PipelineTelemetry.AzureSdkSources))
            .WithMetrics(metrics => metrics.AddMeter(PipelineMetrics.MeterName))
            .WithLogging();
        if (serviceName is not null && Setting(configuration, ServiceNameSetting) is null)
        {
            builder.ConfigureResource(resource => resource.AddService(serviceName));
        }

        host?.Invoke(builder);

        if (azureMonitor is not null)
        {
            var credential = Credential(Setting(configuration, AzureMonitorAuthenticationSetting));
            builder.UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = azureMonitor;
                options.Credential = credential;
            });
        }

        if (otlp)
        {
            // Reads OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL and _HEADERS from configuration (settings, environment).
            builder.UseOtlpExporter();
        }

        exporters?.Invoke(builder);
        return true;
    }

    /// <summary>
    /// The managed identity named by an authentication string (<c>ClientId=...;Authorization=AAD</c> a user-assigned
    /// one, <c>Authorization=AAD</c> alone the system-assigned one), or null for instrumentation-key authentication.
    /// </summary>
    internal static TokenCredential? Credential(string? authentication)
    {
        var parts = (authentication ?? string.Empty)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0], StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var authorization) || !authorization.Equals("AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }

    private static string? Setting(IConfiguration configuration, string name) =>
        string.IsNullOrWhiteSpace(configuration[name]) ? null : configuration[name];
}
