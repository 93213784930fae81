using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Serverless.Functions.Telemetry;

namespace Serverless.IntegrationTests.Support;

/// <summary>
/// What a pipeline exports, caught by OpenTelemetry's in-memory exporters added through the hosts' own setup
/// (<see cref="TelemetrySetup.AddPipelineTelemetry"/>), so the sources and meters it registers are the ones tested.
/// </summary>
public sealed class TelemetryCapture
{
    public LockedCollection<Activity> Spans { get; } = new();

    public LockedCollection<MetricSnapshot> Metrics { get; } = new();

    /// <summary>Registers the hosts' telemetry with no exporter but the in-memory ones (no setting names another).</summary>
    public void AddTo(IServiceCollection services) =>
        services.AddPipelineTelemetry(new ConfigurationBuilder().Build(), exporters: otel => otel
            .WithTracing(tracing => tracing.AddInMemoryExporter(Spans))
            .WithMetrics(metrics => metrics.AddInMemoryExporter(Metrics)));

    /// <summary>Builds the providers, as the host's start does: nothing is listened to before.</summary>
    public static void Start(IServiceProvider pipeline)
    {
        pipeline.GetRequiredService<TracerProvider>();
        pipeline.GetRequiredService<MeterProvider>();
    }

    /// <summary>The points of one metric as they stand now (cumulative), or none when it was never recorded.</summary>
    public IReadOnlyList<MetricPoint> Points(IServiceProvider pipeline, string name)
    {
        Metrics.Clear();
        pipeline.GetRequiredService<MeterProvider>().ForceFlush();
        return Metrics.Snapshot().LastOrDefault(m => m.Name == name)?.MetricPoints ?? [];
    }

    /// <summary>The points' tags as name=value, sorted, e.g. "error.code=type".</summary>
    public static string TagsOf(MetricPoint point)
    {
        var tags = new List<string>();
        foreach (var tag in point.Tags)
        {
            tags.Add($"{tag.Key}={tag.Value}");
        }

        tags.Sort(StringComparer.Ordinal);
        return string.Join(',', tags);
    }
}
