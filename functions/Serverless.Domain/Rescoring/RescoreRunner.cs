using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Domain.Storage;
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

    /// <summary>Entries one run sets aside before it takes further refusals for a fault and stops.</summary>
    public const int MaxSetAsidePerRun = 20;
    private readonly ChangeJournalStore _journal;
    private readonly TopicIndexStore _index;
    private readonly RescoreLoader _loader;
    private readonly RescoreExecutor _executor;
    private readonly RescoreOptions _options;
    private readonly TimeProvider _clock;
    private readonly PipelineMetrics _metrics;
    private readonly SetAsideRecorder _setAside;
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
        SetAsideRecorder setAside,
        ILogger<RescoreRunner> logger)
    {
        _setAside = setAside;
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

    public async Task<RescoreReport> RunAsync(CancellationToken cancellationToken) => await RunAsync(releaseParked: false, cancellationToken);

    /// <summary>A run; with <paramref name="releaseParked"/>, parked entries go back into the journal first (an operator's retry).</summary>
    public async Task<RescoreReport> RunAsync(bool releaseParked, CancellationToken cancellationToken)
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
        var setAside = new List<SetAsideOutcome>();
        var released = 0;
        IReadOnlyList<SetAsideEntry> waiting = [];
        try
        {
            // Entries set aside by earlier runs whose retry time has come go back in; they settle like new entries. One
            // range read, of a range that is empty unless something went wrong.
            var now = _clock.GetUtcNow();
            waiting = await _journal.ReadSetAsideAsync(int.MaxValue, cancellationToken);
            released = await _journal.ReleaseAsync(waiting.Where(e => e.RetryAt is { } retryAt ? retryAt <= now : releaseParked), cancellationToken);
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

                await RunSliceAsync(changes, outcomes, setAside, Lap, Renew, cancellationToken);
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

                await Renew(cancellationToken);
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
            SetAside = setAside,
            Released = released,
            Parked = waiting.Count(e => e.Parked && !releaseParked) + setAside.Count(o => o.RetryAt is null),
        };
        _metrics.RescoreDuration.Record(report.Duration.TotalSeconds);
        _metrics.RescoreWrites.Add(report.Writes);
        LogSummary(report.Changes, report.ArticlesRead, report.ArticlesInWindow, report.StoriesTouched, report.ArticlesChanged, report.IndexRowsWritten, report.IndexRowsDeleted, report.Writes, report.Duration.TotalMilliseconds);
        return report;

        async Task Renew(CancellationToken ct) => lease = await _journal.RenewLeaseAsync(holder, lease, DateTimeOffset.UtcNow, LeaseDuration, ct);

        void Lap(string phase)
        {
            var before = phases.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Duration);
            phases.Add((phase, stopwatch.Elapsed - before));
            PipelineTelemetry.RecordPhase(activity, phase, before, phases[^1].Duration);
        }
    }

    /// <summary>
    /// Loads, plans and writes one slice. When storage refuses it (not an outage: a row it will not take, a plan that
    /// throws), the slice is halved and each half tried on its own, down to the single entry that fails, which is set
    /// aside (<see cref="SetAsideRecorder"/>): one bad entry costs its slice about 2·log2(size) extra loads, and holds
    /// up nothing behind it. Slices are idempotent (a killed run is repaired the same way), so a half written before
    /// the failure is simply written again.
    /// </summary>
    private async Task RunSliceAsync(
        IReadOnlyList<ArticleChange> changes, List<RescoreSliceOutcome> outcomes, List<SetAsideOutcome> setAside, Action<string> lap, Func<CancellationToken, Task> renewLease, CancellationToken cancellationToken)
    {
        try
        {
            var slice = await _loader.LoadAsync(changes, cancellationToken);
            lap("load");
            outcomes.Add(await _executor.ExecuteAsync(slice, _clock.GetUtcNow(), lap, cancellationToken));
        }
        catch (Exception ex) when (IsRefusal(ex, cancellationToken))
        {
            if (setAside.Count >= MaxSetAsidePerRun)
            {
                // So many refusals are not one bad file but a fault of the code or the storage: stop, rather than park
                // the whole journal; the entries set aside so far wait for their retry, the rest for the next run.
                throw new InvalidOperationException($"Rescoring set aside {setAside.Count} journal entries in one run and met another refusal: that looks like a fault, not a bad file; the run stops. See RELIABILITY.md, 'A change set aside'.", ex);
            }

            if (changes.Count > 1)
            {
                LogBisecting(changes.Count, ex.Message);
                var half = changes.Count / 2;
                await renewLease(cancellationToken);
                await RunSliceAsync([.. changes.Take(half)], outcomes, setAside, lap, renewLease, cancellationToken);
                await renewLease(cancellationToken);
                await RunSliceAsync([.. changes.Skip(half)], outcomes, setAside, lap, renewLease, cancellationToken);
                return;
            }

            if (await _setAside.SetAsideAsync(changes[0], ex, cancellationToken) is { } outcome)
            {
                setAside.Add(outcome);
            }

            lap("set aside");
        }
    }

    // An outage, a timeout or a cancellation stops the run (the next one retries everything); anything else is this
    // slice's data.
    private static bool IsRefusal(Exception exception, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested &&
        exception is not (OperationCanceledException or OutOfMemoryException or TimeoutException) &&
        !StorageFaults.IsUnavailable(exception);

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "A slice of {Count} journal entries was refused ({Error}); trying each half on its own to find the entry")]
    private partial void LogBisecting(int count, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Another rescoring run holds the lease; waiting for it")]
    private partial void LogWaiting();
}
