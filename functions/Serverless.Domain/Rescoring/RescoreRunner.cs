using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Domain.Stores;
using Serverless.Domain.Telemetry;

namespace Serverless.Domain.Rescoring;

/// <summary>
/// One rescoring run: takes the run lease, then the change journal slice by slice (load, plan, write; see
/// <see cref="RescoreLoader"/> and <see cref="RescoreExecutor"/>) until it is empty or the run's time is up. A run
/// with nothing in the journal reads one partition and writes nothing. Under exponential decay an article's rank
/// never moves with time alone, so only changes (ingests, removals) change scores.
/// </summary>
public sealed partial class RescoreRunner
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);
    private readonly ChangeJournalStore _journal;
    private readonly TopicIndexStore _index;
    private readonly RescoreLoader _loader;
    private readonly RescoreExecutor _executor;
    private readonly RescoreOptions _options;
    private readonly TimeProvider _clock;
    private readonly PipelineMetrics _metrics;
    private readonly ILogger<RescoreRunner> _logger;

    // Runs in this process take turns (the timer, a manual run); across processes the lease decides. A run that died
    // without giving the lease back (storage was down) leaves it to this process's next run, or to its expiry.
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly string _holder = Guid.NewGuid().ToString("n");

    public RescoreRunner(
        ChangeJournalStore journal,
        TopicIndexStore index,
        RescoreLoader loader,
        RescoreExecutor executor,
        IOptions<RescoreOptions> options,
        TimeProvider clock,
        PipelineMetrics metrics,
        ILogger<RescoreRunner> logger)
    {
        _journal = journal;
        _index = index;
        _loader = loader;
        _executor = executor;
        _options = options.Value;
        _clock = clock;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>How long a run holds the lease without renewing it: a run that dies frees it after this.</summary>
    public TimeSpan LeaseDuration => TimeSpan.FromSeconds(_options.LeaseSeconds);

    public async Task<RescoreReport> RunAsync(CancellationToken cancellationToken)
    {
        using var activity = PipelineTelemetry.Source.StartActivity(PipelineTelemetry.RescoreSpan);
        var stopwatch = Stopwatch.StartNew();
        var phases = new List<(string Phase, TimeSpan Duration)>();
        var outcomes = new List<RescoreSliceOutcome>();
        var holder = _holder;

        // Ingests write their index rows behind: the run must see the ones this process has queued.
        await _index.FlushAsync(cancellationToken);
        await _turn.WaitAsync(cancellationToken);
        Azure.ETag lease;
        try
        {
            lease = await TakeLeaseAsync(holder, cancellationToken);
        }
        catch
        {
            _turn.Release();
            throw;
        }

        Lap("lease");
        var more = false;
        try
        {
            string? after = null;
            while (true)
            {
                // Server times: entries written in the last SettleSeconds wait, as may their ingest's index writes.
                var settled = DateTimeOffset.UtcNow - TimeSpan.FromSeconds(_options.SettleSeconds);
                var changes = await _journal.ReadAsync(after, _options.ChangesPerSlice, _options.SettleSeconds == 0 ? DateTimeOffset.UtcNow.AddHours(1) : settled, cancellationToken);
                Lap("journal read");
                if (changes.Count == 0)
                {
                    break;
                }

                var slice = await _loader.LoadAsync(changes, cancellationToken);
                Lap("load");
                outcomes.Add(await _executor.ExecuteAsync(slice, _clock.GetUtcNow(), Lap, cancellationToken));
                after = changes[^1].Key;
                if (changes.Count < _options.ChangesPerSlice)
                {
                    break;
                }

                if (stopwatch.Elapsed >= TimeSpan.FromSeconds(_options.SecondsPerRun))
                {
                    more = true;
                    break;
                }

                lease = await _journal.RenewLeaseAsync(holder, lease, DateTimeOffset.UtcNow, LeaseDuration, cancellationToken);
            }
        }
        finally
        {
            await _journal.ReleaseLeaseAsync(lease, CancellationToken.None);
            _turn.Release();
        }

        var report = new RescoreReport(
            outcomes.Sum(o => o.ArticlesRead),
            outcomes.Sum(o => o.ArticlesInWindow),
            outcomes.Sum(o => o.ArticlesChanged),
            outcomes.Sum(o => o.ArticlesSuperseded),
            outcomes.Sum(o => o.StoriesTouched),
            outcomes.Sum(o => o.IndexRowsWritten),
            outcomes.Sum(o => o.IndexRowsDeleted),
            outcomes.Sum(o => o.TopicStatsWritten),
            outcomes.Sum(o => o.StoryRowsWritten),
            outcomes.Sum(o => o.ArticlesJournaled),
            stopwatch.Elapsed)
        {
            JournalEntriesRemoved = outcomes.Sum(o => o.JournalEntriesRemoved),
            Phases = [.. phases.GroupBy(p => p.Phase, StringComparer.Ordinal).Select(g => (g.Key, g.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Duration)))],
            Slices = outcomes.Count,
            MoreWaiting = more,
        };
        _metrics.RescoreDuration.Record(report.Duration.TotalSeconds);
        _metrics.RescoreWrites.Add(report.Writes);
        LogSummary(report.Changes, report.ArticlesRead, report.ArticlesInWindow, report.StoriesTouched, report.ArticlesChanged, report.IndexRowsWritten, report.IndexRowsDeleted, report.Writes, report.Duration.TotalMilliseconds);
        return report;

        void Lap(string phase)
        {
            var before = phases.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Duration);
            phases.Add((phase, stopwatch.Elapsed - before));
            PipelineTelemetry.RecordPhase(activity, phase, before, phases[^1].Duration);
        }
    }

    /// <summary>Takes the lease, waiting for a run that holds it (another timer, a manual run) to finish or for its lease to run out.</summary>
    private async Task<Azure.ETag> TakeLeaseAsync(string holder, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + LeaseDuration + TimeSpan.FromSeconds(_options.SecondsPerRun);
        while (true)
        {
            if (await _journal.TryTakeLeaseAsync(holder, DateTimeOffset.UtcNow, LeaseDuration, cancellationToken) is { } lease)
            {
                return lease;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Another rescoring run held the lease for over {(LeaseDuration + TimeSpan.FromSeconds(_options.SecondsPerRun)).TotalSeconds:F0} s; this run gives up, and the next timer tries again.");
            }

            LogWaiting();
            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rescored {Changes} changes: {Articles} articles read ({InWindow} in the window), {Stories} stories touched, {Changed} scores, {RowsWritten} index rows written, {RowsDeleted} deleted, {Writes} writes in {DurationMs:F0} ms")]
    private partial void LogSummary(int changes, int articles, int inWindow, int stories, int changed, int rowsWritten, int rowsDeleted, int writes, double durationMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Another rescoring run holds the lease; waiting for it")]
    private partial void LogWaiting();
}
