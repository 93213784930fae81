using System.Diagnostics;

namespace Serverless.Domain.Telemetry;

/// <summary>
/// The pipeline's trace source and the names of its spans: constants, listed in the README, and asserted by the
/// telemetry tests. An upload is one trace: the trigger's span, <see cref="IngestSpan"/>, and below it
/// <see cref="ParseSpan"/>, <see cref="StoreSpan"/> and <see cref="WriteBehindSpan"/>; the table batches that carry the
/// queued writes (<see cref="WriteBatchSpan"/>) serve many uploads, so each starts a trace of its own and links to the
/// spans that queued its writes. A rescoring run is one trace: <see cref="RescoreSpan"/> with a span per phase.
/// </summary>
public static class PipelineTelemetry
{
    /// <summary>The name of the pipeline's ActivitySource and of its Meter (<see cref="PipelineMetrics"/>).</summary>
    public const string SourceName = "Serverless.NewsPipeline";

    /// <summary>The Azure SDK's activity sources (Azure.Data.Tables.TableClient, Azure.Storage.Blobs.BlobBaseClient, ...).</summary>
    public const string AzureSdkSources = "Azure.*";

    /// <summary>The AppContext switch without which the Azure SDK creates no activities from its sources.</summary>
    public const string AzureSdkActivitySwitch = "Azure.Experimental.EnableActivitySource";

    public const string IngestSpan = "ingest";
    public const string ParseSpan = "ingest.parse";
    public const string StoreSpan = "ingest.store";
    public const string WriteBehindSpan = "ingest.write-behind";
    public const string WriteBatchSpan = "table.write-batch";
    public const string RescoreSpan = "rescore";
    public const string RescorePhasePrefix = "rescore.";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// Starts the span of one table batch: the root of a trace of its own (it serves many callers, whose context the
    /// flush inherited from whichever caller started it), linked to the span of every caller with a write in it.
    /// </summary>
    public static Activity? StartWriteBatch(string table, int writes, IEnumerable<ActivityContext> callers)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var links = callers.Where(c => c != default).Distinct().Select(c => new ActivityLink(c)).ToList();
        var ambient = Activity.Current;
        Activity.Current = null;
        var span = Source.StartActivity(WriteBatchSpan, ActivityKind.Internal, default(ActivityContext), links: links);
        if (span is null)
        {
            Activity.Current = ambient;
            return null;
        }

        span.SetTag("db.system.name", "azure.tables");
        span.SetTag("db.collection.name", table);
        span.SetTag("db.operation.batch.size", writes);
        return span;
    }

    /// <summary>
    /// Records a phase of a rescoring run, once it is over, as a child of the run's span: the run names its phases as
    /// it finishes them. The span is <see cref="RescorePhasePrefix"/> and the phase's first words ("index rows written"
    /// becomes rescore.index-rows-written; "sweep (skipped: ...)" rescore.sweep, its full text in a tag).
    /// </summary>
    public static void RecordPhase(Activity? run, string phase, TimeSpan startOffset, TimeSpan duration)
    {
        if (run is null)
        {
            return;
        }

        var ambient = Activity.Current;
        var started = new DateTimeOffset(run.StartTimeUtc, TimeSpan.Zero) + startOffset;
        using (var span = Source.StartActivity(PhaseSpanName(phase), ActivityKind.Internal, run.Context, startTime: started))
        {
            span?.SetTag("rescore.phase", phase);
            span?.SetEndTime(span.StartTimeUtc + duration);
        }

        Activity.Current = ambient;
    }

    public static string PhaseSpanName(string phase)
    {
        var words = phase.Split(" (", 2)[0].Trim().ToLowerInvariant();
        return RescorePhasePrefix + string.Join('-', words.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
