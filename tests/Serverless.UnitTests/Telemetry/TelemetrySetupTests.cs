using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;
using Serverless.Domain.Telemetry;
using Serverless.Functions.Telemetry;

namespace Serverless.UnitTests.Telemetry;

/// <summary>The exporters the hosts' telemetry setup chooses from the settings.</summary>
public sealed class TelemetrySetupTests
{
    [Fact]
    public void WithoutAnExporterSettingNothingIsRegistered()
    {
        var services = new ServiceCollection();

        var registered = services.AddPipelineTelemetry(Configuration([]));

        Assert.False(registered);
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(TracerProvider));
    }

    [Fact]
    public void AnOtlpEndpointExportsThePipelinesSourcesAndTurnsOnTheAzureSdksActivities()
    {
        var services = new ServiceCollection();
        var configuration = Configuration(new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4317" });
        services.AddSingleton(configuration);

        Assert.True(services.AddPipelineTelemetry(configuration));

        Assert.True(AppContext.TryGetSwitch("Azure.Experimental.EnableActivitySource", out var enabled) && enabled);
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<TracerProvider>();
        Assert.True(PipelineTelemetry.Source.HasListeners());
    }

    [Fact]
    public void AzureMonitorSendsWithTheManagedIdentityNamedInTheAuthenticationString()
    {
        var services = new ServiceCollection();
        const string connection = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1/";
        var configuration = Configuration(new()
        {
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = connection,
            ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = "ClientId=11111111-2222-3333-4444-555555555555;Authorization=AAD",
        });
        services.AddSingleton(configuration);

        Assert.True(services.AddPipelineTelemetry(configuration));

        // Only the options are read: building the exporter would start sending.
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().Get(Options.DefaultName);
        Assert.Equal(connection, options.ConnectionString);
        Assert.IsType<ManagedIdentityCredential>(options.Credential);
    }

    [Theory]
    [InlineData("ClientId=11111111-2222-3333-4444-555555555555;Authorization=AAD", true)]
    [InlineData(" authorization = aad ; clientid = abc ", true)]
    [InlineData("Authorization=AAD", true)]
    [InlineData("ClientId=abc", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void OnlyAnEntraAuthenticationStringGivesACredential(string? authentication, bool credential)
    {
        var result = TelemetrySetup.Credential(authentication);

        Assert.Equal(credential, result is ManagedIdentityCredential);
        Assert.Equal(credential, result is not null);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
