using System.Diagnostics.Metrics;
using Microsoft.ApplicationInsights;
using Microsoft.Extensions.Hosting;
using Serverless.Domain.Telemetry;

namespace Serverless.Functions.Telemetry;

/// <summary>
/// Forwards the pipeline's own counters (articles ingested and rejected, rescoring duration and writes, feed requests)
/// from its <see cref="System.Diagnostics.Metrics.Meter"/> to Application Insights as custom metrics.
/// </summary>
public sealed class PipelineMetricsForwarder : IHostedService, IDisposable
{
    private readonly TelemetryClient _telemetry;
    private readonly MeterListener _listener = new();

    public PipelineMetricsForwarder(TelemetryClient telemetry)
    {
        _telemetry = telemetry;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PipelineMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => _telemetry.GetMetric(instrument.Name).TrackValue(value));
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => _telemetry.GetMetric(instrument.Name).TrackValue(value));
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _telemetry.Flush();
        return Task.CompletedTask;
    }

    public void Dispose() => _listener.Dispose();
}
