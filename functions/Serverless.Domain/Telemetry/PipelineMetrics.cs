using System.Diagnostics;
using System.Diagnostics.Metrics;
using Serverless.Domain.Ingestion;

namespace Serverless.Domain.Telemetry;

/// <summary>
/// The pipeline's own metrics, exported by whatever the host wires up (see <see cref="PipelineTelemetry"/>). The
/// instrument and tag names are constants here and listed in the README: dashboards and alerts depend on them.
/// </summary>
public sealed class PipelineMetrics : IDisposable
{
    public const string MeterName = PipelineTelemetry.SourceName;

    public const string ArticlesIngestedName = "pipeline.articles.ingested";
    public const string ArticlesRejectedName = "pipeline.articles.rejected";
    public const string RescoreDurationName = "pipeline.rescore.duration";
    public const string RescoreWritesName = "pipeline.rescore.writes";
    public const string RescoreSetAsideName = "pipeline.rescore.set_aside";
    public const string FeedRequestsName = "pipeline.feed.requests";
    public const string TimeToOutcomeName = "pipeline.upload.time_to_outcome";

    /// <summary>Tag of <see cref="ArticlesRejectedName"/>: the rejection's error code (too-large, yaml-syntax, ...).</summary>
    public const string ErrorCodeTag = "error.code";

    /// <summary>Tag of <see cref="FeedRequestsName"/>: json, jsonfeed, rss, atom (topic feeds), html (front page), invalid.</summary>
    public const string FormatTag = "feed.format";

    /// <summary>Tag of <see cref="FeedRequestsName"/>: which endpoint served it (topic-feed, front-page, topics).</summary>
    public const string EndpointTag = "feed.endpoint";

    /// <summary>Tag of <see cref="TimeToOutcomeName"/>: ingested or rejected.</summary>
    public const string OutcomeTag = "ingest.outcome";

    private readonly Meter _meter;

    public PipelineMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        ArticlesIngested = _meter.CreateCounter<long>(ArticlesIngestedName, description: "Uploaded files stored as articles.");
        ArticlesRejected = _meter.CreateCounter<long>(ArticlesRejectedName, description: "Uploaded files rejected as not articles, by error code.");
        RescoreDuration = _meter.CreateHistogram(RescoreDurationName, unit: "s", description: "Duration of a rescoring run.", advice: Buckets(0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300, 600));
        RescoreWrites = _meter.CreateCounter<long>(RescoreWritesName, description: "Table writes issued by rescoring.");
        RescoreSetAside = _meter.CreateCounter<long>(RescoreSetAsideName, description: "Journal entries a rescoring run set aside after failing on them, by outcome (retry, parked).");
        FeedRequests = _meter.CreateCounter<long>(FeedRequestsName, description: "Feed and page requests served, by endpoint and format.");
        TimeToOutcome = _meter.CreateHistogram(TimeToOutcomeName, unit: "s", description: "Time from a blob's upload (its last-modified time) to its outcome, once per outcome.", advice: Buckets(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600));
    }

    public Counter<long> ArticlesIngested { get; }

    public Counter<long> ArticlesRejected { get; }

    public Histogram<double> RescoreDuration { get; }

    public Counter<long> RescoreWrites { get; }

    public Counter<long> RescoreSetAside { get; }

    public Counter<long> FeedRequests { get; }

    public Histogram<double> TimeToOutcome { get; }

    public void Rejected(string errorCode) => ArticlesRejected.Add(1, new KeyValuePair<string, object?>(ErrorCodeTag, errorCode));

    public void FeedRequest(string endpoint, string format) =>
        FeedRequests.Add(1, new KeyValuePair<string, object?>(EndpointTag, endpoint), new KeyValuePair<string, object?>(FormatTag, format));

    /// <summary>Records how long an upload waited for its outcome; a pending one (no outcome yet) records nothing.</summary>
    public void Outcome(IngestState state, DateTimeOffset uploadedAt, DateTimeOffset now)
    {
        if (state is IngestState.Ingested or IngestState.Rejected)
        {
            var tags = new TagList { { OutcomeTag, state == IngestState.Ingested ? "ingested" : "rejected" } };
            TimeToOutcome.Record(Math.Max(0, (now - uploadedAt).TotalSeconds), tags);
        }
    }

    public void Dispose() => _meter.Dispose();

    private static InstrumentAdvice<double> Buckets(params double[] boundaries) => new() { HistogramBucketBoundaries = boundaries };
}
