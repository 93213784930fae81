using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Serverless.Domain.Telemetry;

/// <summary>The pipeline's own counters, exported by whatever telemetry the host wires up (OpenTelemetry, App Insights).</summary>
public sealed class PipelineMetrics : IDisposable
{
    public const string MeterName = "Serverless.NewsPipeline";

    public static readonly ActivitySource ActivitySource = new(MeterName);

    private readonly Meter _meter;

    public PipelineMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        ArticlesIngested = _meter.CreateCounter<long>("pipeline.articles.ingested", description: "Uploaded files stored as articles.");
        ArticlesRejected = _meter.CreateCounter<long>("pipeline.articles.rejected", description: "Uploaded files rejected as not articles.");
        RescoreDuration = _meter.CreateHistogram<double>("pipeline.rescore.duration", unit: "s", description: "Duration of a rescoring run.");
        RescoreWrites = _meter.CreateCounter<long>("pipeline.rescore.writes", description: "Table writes issued by rescoring.");
        FeedRequests = _meter.CreateCounter<long>("pipeline.feed.requests", description: "Feed and page requests served.");
    }

    public Counter<long> ArticlesIngested { get; }

    public Counter<long> ArticlesRejected { get; }

    public Histogram<double> RescoreDuration { get; }

    public Counter<long> RescoreWrites { get; }

    public Counter<long> FeedRequests { get; }

    public void Dispose() => _meter.Dispose();
}
