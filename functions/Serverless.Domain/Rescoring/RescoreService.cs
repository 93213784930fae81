using System.Diagnostics;
using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Domain.Articles;
using Serverless.Domain.Ingestion;
using Serverless.Domain.Scoring;
using Serverless.Domain.Storage;
using Serverless.Domain.Stores;
using Serverless.Domain.Telemetry;
using Serverless.Domain.Topics;

namespace Serverless.Domain.Rescoring;

/// <summary>
/// One rescoring run: pages through every article's summary, clusters stories across all of them, recomputes each
/// score, writes only the scores that changed, and brings the topic index to exactly the rows the scores call for.
/// Deterministic for given data (scores do not depend on the clock), and idempotent: two overlapping runs, or a run after one that died half
/// way, converge on the same index. A row is deleted only when its article is gone or is still the version this run
/// scored, so rows an ingest writes during the run are left for the next run to judge.
/// </summary>
public sealed partial class RescoreService
{
    // Beyond this many articles wanted from one shard, one scan of the shard (a few thousand rows, a request per
    // thousand) is cheaper than point reads (a request each, several at a time). A scan of versions alone (row keys
    // and ETags) is lighter than one of summaries, so it pays off sooner.
    private const int SummaryPointReadsPerShard = 100;
    private const int VersionPointReadsPerShard = 16;

    /// <summary>
    /// Rows changed this long before a snapshot's read are read again: the read's time comes from the service's front
    /// end, the rows' Timestamps from partition servers, whose clocks may differ by a little.
    /// </summary>
    private static readonly TimeSpan ChangeMargin = TimeSpan.FromSeconds(15);

    /// <summary>
    /// An ingest writes its index rows behind the article, within milliseconds, or seconds when storage retries: rows a
    /// run deletes for an article written less than this before the delete are looked for again by the next run.
    /// </summary>
    private static readonly TimeSpan SettleWindow = TimeSpan.FromMinutes(1);

    private readonly ArticleStore _articles;
    private readonly TopicIndexStore _index;
    private readonly TopicStatsStore _stats;
    private readonly ArticleIndexer _indexer;
    private readonly TopicTaxonomy _taxonomy;
    private readonly HeatScorer _scorer;
    private readonly StoryOptions _storyOptions;
    private readonly RescoreOptions _options;
    private readonly ScoringSnapshotStore _snapshots;
    private string? _settings;
    private readonly TimeProvider _clock;
    private readonly PipelineMetrics _metrics;
    private readonly ILogger<RescoreService> _logger;

    public RescoreService(
        ArticleStore articles,
        TopicIndexStore index,
        TopicStatsStore stats,
        ArticleIndexer indexer,
        TopicTaxonomy taxonomy,
        HeatScorer scorer,
        IOptions<StoryOptions> storyOptions,
        IOptions<RescoreOptions> options,
        ScoringSnapshotStore snapshots,
        TimeProvider clock,
        PipelineMetrics metrics,
        ILogger<RescoreService> logger)
    {
        _snapshots = snapshots;
        _clock = clock;
        _articles = articles;
        _index = index;
        _stats = stats;
        _indexer = indexer;
        _taxonomy = taxonomy;
        _scorer = scorer;
        _storyOptions = storyOptions.Value;
        _options = options.Value;
        _metrics = metrics;
        _logger = logger;
    }

    public async Task<RescoreReport> RunAsync(CancellationToken cancellationToken)
    {
        using var activity = PipelineTelemetry.Source.StartActivity(PipelineTelemetry.RescoreSpan);
        var stopwatch = Stopwatch.StartNew();
        var phases = new List<(string, TimeSpan)>();

        // Ingests write their index rows behind: the run must see the ones this process has queued.
        await _index.FlushAsync(cancellationToken);
        var checkpoint = await _stats.ReadCheckpointAsync(cancellationToken);
        var guard = new CheckpointGuard(_stats, checkpoint);
        var now = _clock.GetUtcNow();
        var (states, clusterer, shards) = await LoadAsync(now, cancellationToken);
        Lap("read");
        var coverage = clusterer.Cluster();
        Lap("cluster");
        var ids = new Dictionary<string, int>(states.Count, StringComparer.Ordinal);
        for (var i = 0; i < states.Count; i++)
        {
            ids[states[i].Id] = i;
            states[i].NewScore = _indexer.Score(states[i].Quality, coverage[i], states[i].Topics);
        }

        // The index holds what the last run left when the checkpoint names exactly the versions its snapshots hold:
        // then only the articles changed since (and the scores this run changes) touch it, and the sweep, the run's
        // largest read, is skipped. Otherwise, and at the configured age, every index partition is listed.
        var known = shards.All(s => s.Base is not null)
            && checkpoint.Fingerprint is { } recorded
            && recorded == Fingerprint(states.Where(s => s.Base is not null).Select(s => (s.Id, s.Base!.Version)))
            && checkpoint.SweptAt is { } sweptAt
            && now - sweptAt < TimeSpan.FromHours(_options.FullSweepAfterHours);
        if (known && !await IndexHoldsTheLastRunsTopRowsAsync(states, cancellationToken))
        {
            known = false;
            LogIndexNotAsRecorded();
        }

        if (states.Any(s => !Same(s.OldScore, s.NewScore!)))
        {
            await guard.BeforeWriteAsync(cancellationToken);
        }

        var (changed, superseded) = await WriteScoresAsync(states, cancellationToken);
        Lap("scores");
        var previousStats = await _stats.GetAllAsync(cancellationToken);
        var plan = known ? PlanFromLastRun(states) : await SweepIndexAsync(states, ids, previousStats.Keys, cancellationToken);
        plan.Stale.AddRange((await _index.FindExistingAsync(plan.MaybeStale, cancellationToken)).Except(plan.Stale));
        Lap(known ? "sweep (skipped: index known from the last run)" : "sweep");
        if (plan.Missing.Count > 0 || plan.Stale.Count > 0)
        {
            await guard.BeforeWriteAsync(cancellationToken);
        }

        foreach (var state in states.Where(s => s.ScoreChanged && s.AgeAtRead + Stopwatch.GetElapsedTime(s.ReadTimestamp) < SettleWindow))
        {
            // Written this shortly before this run deletes its rows: its ingest may still be writing them behind.
            state.Recheck = [.. _index.RowsFor(state.Id, state.OldScore, state.Published).Except(_index.RowsFor(state.Id, state.NewScore, state.Published))];
        }

        var written = await WriteMissingRowsAsync(states, plan.Missing, cancellationToken);
        Lap("index rows written");
        await _index.DeleteRowsAsync(plan.Stale, cancellationToken);
        Lap("index rows deleted");
        // A topic an ingest named after this run began may belong to an article the run did not read: it stays.
        var statsWritten = await WriteTopicStatsAsync(states, previousStats, now - TimeSpan.FromMinutes(1), cancellationToken);
        Lap("stats");
        await WriteSnapshotsAsync(shards, states, cancellationToken);
        Lap("snapshots");

        // Recorded after the snapshots, which it names: a run that dies before this leaves the row cleared (if it
        // wrote) or as it was (if it did not, and then its snapshots hold what the row names).
        var checkpointed = await guard.FinishAsync(
            superseded == 0 && plan.Unresolved == 0 ? Fingerprint(states.Select(s => (s.Id, s.Version))) : null,
            known ? checkpoint.SweptAt!.Value : now,
            now,
            cancellationToken);

        var report = new RescoreReport(
            states.Count,
            changed,
            superseded,
            coverage.Select(c => c.StoryId).Distinct(StringComparer.Ordinal).Count(),
            written,
            plan.Stale.Count,
            statsWritten,
            stopwatch.Elapsed)
        {
            Phases = phases,
            IndexVerified = known,
            IndexCheckpointed = checkpointed,
            ArticlesFetched = shards.Sum(s => s.Fetched),
        };
        _metrics.RescoreDuration.Record(report.Duration.TotalSeconds);
        _metrics.RescoreWrites.Add(report.Writes);
        LogSummary(report.ArticlesRead, report.ArticlesChanged, report.Stories, report.IndexRowsWritten, report.IndexRowsDeleted, report.Writes, report.Duration.TotalMilliseconds);
        return report;

        void Lap(string phase)
        {
            var before = phases.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Item2);
            phases.Add((phase, stopwatch.Elapsed - before));
            PipelineTelemetry.RecordPhase(activity, phase, before, phases[^1].Item2);
        }
    }

    /// <summary>
    /// The checkpoint vouches for the rows, not for the table they are in: a table dropped or emptied by hand, or a
    /// partition restored from elsewhere, would go unseen by a run that lists nothing. So the hottest row each topic
    /// should still hold from the last run (its article unchanged since, its score too) is read first: one point read
    /// a topic. A row missing for any other reason (a re-ingest in flight) only costs a sweep.
    /// </summary>
    private async Task<bool> IndexHoldsTheLastRunsTopRowsAsync(List<ArticleState> states, CancellationToken cancellationToken)
    {
        var top = new Dictionary<string, TopicIndexRow>(StringComparer.Ordinal);
        foreach (var state in states.Where(s => !s.ChangedSinceLastRun && Same(s.OldScore, s.NewScore!)))
        {
            foreach (var row in _index.RowsFor(state.Id, state.NewScore, state.Published))
            {
                // Rows sort hottest first (the key starts with the inverted rank).
                if (!top.TryGetValue(row.TopicId, out var best) || string.CompareOrdinal(row.RowKey, best.RowKey) < 0)
                {
                    top[row.TopicId] = row;
                }
            }
        }

        return (await _index.FindExistingAsync(top.Values, cancellationToken)).Count == top.Count;
    }

    /// <summary>
    /// The index writes when the index holds what the last run left: for each article changed since that run (an
    /// ingest wrote its rows) or rescored now, its rows are written and the rows of the versions it had are deleted.
    /// Nothing is listed.
    /// </summary>
    private IndexPlan PlanFromLastRun(List<ArticleState> states)
    {
        var missing = new HashSet<int>();
        var stale = new List<TopicIndexRow>();
        var maybeStale = new HashSet<TopicIndexRow>();
        for (var i = 0; i < states.Count; i++)
        {
            var state = states[i];
            var expected = _index.RowsFor(state.Id, state.NewScore, state.Published);
            maybeStale.UnionWith(state.Base?.Recheck.Except(expected) ?? []);
            if (state.Superseded || (!state.ScoreChanged && !state.ChangedSinceLastRun))
            {
                continue;
            }

            // Rewritten even when an ingest just wrote them: a crash may have lost its queued writes.
            if (expected.Count > 0)
            {
                missing.Add(i);
            }

            // The rows of the version read: the last run's (known to be there) or an ingest's (written behind, maybe
            // not yet or lost). Those of the last run's version, when an ingest replaced it: that ingest deleted them.
            var read = _index.RowsFor(state.Id, state.OldScore, state.Published).Except(expected);
            if (state.ChangedSinceLastRun)
            {
                maybeStale.UnionWith(read);
                if (state.Base is { } last)
                {
                    maybeStale.UnionWith(_index.RowsFor(state.Id, last.Score, last.Published).Except(expected));
                }
            }
            else if (state.ScoreChanged)
            {
                stale.AddRange(read);
            }
        }

        return new IndexPlan(stale, [.. maybeStale], missing, 0);
    }

    private async Task<(List<ArticleState> States, StoryClusterer Clusterer, List<ShardRead> Shards)> LoadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var clusterer = new StoryClusterer(_storyOptions);
        var states = new List<ArticleState>();
        var shards = new List<ShardRead>();
        // Shards are read a few at a time but fed to the clusterer in shard order, so a run is deterministic and
        // holds at most that many shards' records besides the small per-article state.
        await foreach (var shard in ReadInOrderAsync(ArticleEntityCodec.Shards, shard => ReadShardAsync(shard, now, cancellationToken), cancellationToken))
        {
            var last = shard.Base?.ToDictionary(r => r.Id, StringComparer.Ordinal);
            foreach (var record in shard.Records)
            {
                clusterer.Add(record.Member, record.RelatedIds, record.RelatedProviders);
                var state = new ArticleState(record, last?.GetValueOrDefault(record.Id))
                {
                    AgeAtRead = shard.ChangedAt.TryGetValue(record.Id, out var changedAt) ? shard.ReadAt - changedAt : TimeSpan.MaxValue / 2,
                    ReadTimestamp = shard.ReadTimestamp,
                };

                // Without a snapshot to compare versions with, the row's time says it: written since the last run read
                // the shard (when that is known at all).
                state.WrittenSinceLastRun = shard.Base is not null
                    ? state.ChangedSinceLastRun
                    : shard.LastReadAt is { } lastRead && shard.ChangedAt.TryGetValue(record.Id, out var writtenAt) && writtenAt >= lastRead - ChangeMargin;
                states.Add(state);
            }

            shards.Add(shard);
        }

        return (states, clusterer, shards);
    }

    /// <summary>Reads shards a few at a time (<see cref="RescoreOptions.ReadConcurrency"/>), yielding them in the given order.</summary>
    private async IAsyncEnumerable<T> ReadInOrderAsync<T>(
        IReadOnlyList<string> shards, Func<string, Task<T>> read, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reads = new Queue<Task<T>>();
        var next = 0;
        while (next < shards.Count || reads.Count > 0)
        {
            while (next < shards.Count && reads.Count < _options.ReadConcurrency)
            {
                reads.Enqueue(read(shards[next++]));
            }

            yield return await reads.Dequeue().WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// A shard from its snapshot plus the rows changed since (see <see cref="ScoringSnapshotStore"/>), or read in full
    /// when there is no usable snapshot or it is older than the full-sweep age.
    /// </summary>
    private async Task<ShardRead> ReadShardAsync(string shard, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var snapshot = _options.FullSweepAfterHours > 0 ? await _snapshots.ReadAsync(shard, Settings, cancellationToken) : null;
        var lastReadAt = snapshot?.ReadAt;
        if (snapshot is not null && now - snapshot.FullReadAt >= TimeSpan.FromHours(_options.FullSweepAfterHours))
        {
            snapshot = null;
        }

        var (changes, readAt) = await _articles.ReadShardAsync(shard, snapshot?.ReadAt - ChangeMargin, cancellationToken);
        var defaultQuality = _scorer.Options.DefaultQuality;
        var readTimestamp = Stopwatch.GetTimestamp();
        var changedAt = changes.Where(c => c.ModifiedAt is not null).ToDictionary(c => c.Id, c => c.ModifiedAt!.Value, StringComparer.Ordinal);
        if (snapshot is null)
        {
            return new ShardRead(shard, [.. changes.Select(c => ScoringRecord.From(c, _taxonomy, defaultQuality))], null, readAt, now, changes.Count, changedAt, readTimestamp, lastReadAt);
        }

        if (changes.Count == 0)
        {
            return new ShardRead(shard, snapshot.Records, snapshot.Records, snapshot.ReadAt, snapshot.FullReadAt, 0, changedAt, readTimestamp, lastReadAt);
        }

        // Rows fetched again (this run's own score writes among them) move the snapshot's read time forward, so the
        // next run does not fetch them once more.
        var byId = snapshot.Records.ToDictionary(r => r.Id, StringComparer.Ordinal);
        foreach (var change in changes)
        {
            if (!byId.TryGetValue(change.Id, out var known) || known.Version != change.Version)
            {
                byId[change.Id] = ScoringRecord.From(change, _taxonomy, defaultQuality);
            }
        }

        return new ShardRead(shard, [.. byId.Values.OrderBy(r => r.Id, StringComparer.Ordinal)], snapshot.Records, readAt, snapshot.FullReadAt, changes.Count, changedAt, readTimestamp, lastReadAt);
    }

    /// <summary>Records what this run knows of each shard it read or wrote, for the next run to start from.</summary>
    private async Task WriteSnapshotsAsync(List<ShardRead> shards, List<ArticleState> states, CancellationToken cancellationToken)
    {
        if (_options.FullSweepAfterHours == 0)
        {
            return;
        }

        var byShard = states.ToLookup(s => ArticleEntityCodec.PartitionKeyOf(s.Id), StringComparer.Ordinal);
        await Parallel.ForEachAsync(shards, new ParallelOptions { MaxDegreeOfParallelism = _options.ReadConcurrency, CancellationToken = cancellationToken }, async (shard, ct) =>
        {
            var shardStates = byShard[shard.Shard].ToList();
            if (shard.Base is not null && shard.Fetched == 0 && !shardStates.Any(s => s.ScoreChanged || s.Recheck.Count > 0 || s.Base?.Recheck.Count > 0))
            {
                return;
            }

            // Articles this run rescored are kept with the score and version it wrote; those that changed under it
            // (superseded) keep what was read, and their newer rows are read again next time.
            var records = shardStates
                .Select(s => (s.ScoreChanged ? s.Record with { Score = s.NewScore, Version = s.Version } : s.Record) with { Recheck = s.Recheck })
                .ToList();
            try
            {
                await _snapshots.WriteAsync(shard.Shard, Settings, new ShardSnapshot(records, shard.ReadAt, shard.FullReadAt), ct);
            }
            catch (RequestFailedException ex)
            {
                // A snapshot only saves the next run reading: without it that run reads the shard in full.
                LogSnapshotFailed(ex, shard.Shard);
            }
        });
    }

    private async Task<(int Changed, int Superseded)> WriteScoresAsync(List<ArticleState> states, CancellationToken cancellationToken)
    {
        int changed = 0, superseded = 0;
        var byShard = states
            .Where(s => !Same(s.OldScore, s.NewScore!))
            .GroupBy(s => ArticleEntityCodec.PartitionKeyOf(s.Id), StringComparer.Ordinal)
            .SelectMany(shard => shard.Chunk(100).Select(chunk => (Shard: shard.Key, States: chunk)))
            .ToList();
        await Parallel.ForEachAsync(byShard, new ParallelOptions { MaxDegreeOfParallelism = _options.WriteConcurrency, CancellationToken = cancellationToken }, async (batch, ct) =>
        {
            var versions = await _articles.UpdateScoresAsync(
                batch.Shard,
                batch.States.Select(s => (s.Id, s.NewScore!, s.Version is null ? ETag.All : new ETag(s.Version))).ToList(),
                ct);
            foreach (var state in batch.States)
            {
                if (versions[state.Id] is { } version)
                {
                    state.ScoreChanged = true;
                    state.Version = version;
                    Interlocked.Increment(ref changed);
                }
                else
                {
                    state.Superseded = true;
                    Interlocked.Increment(ref superseded);
                }
            }
        });
        return (changed, superseded);
    }

    private async Task<IndexPlan> SweepIndexAsync(
        List<ArticleState> states, Dictionary<string, int> ids, IEnumerable<string> previousTopics, CancellationToken cancellationToken)
    {
        var expected = states.Select(s => _index.RowsFor(s.Id, s.NewScore, s.Published)).ToArray();

        // Every partition a row can be in: the topics articles have now or had at their last scoring, those the
        // last run counted, and the taxonomy's. Each is listed on its own, several at a time.
        var partitions = new SortedSet<string>(StringComparer.Ordinal);
        partitions.UnionWith(states.SelectMany(s => s.NewScore!.TopicIds.Concat(s.OldScore?.TopicIds ?? [])));
        partitions.UnionWith(previousTopics);
        partitions.UnionWith(_taxonomy.Topics.Select(t => t.Id));
        var listed = new List<TopicIndexRow>[partitions.Count];
        await Parallel.ForEachAsync(partitions.Select((topic, i) => (topic, i)), new ParallelOptions { MaxDegreeOfParallelism = _options.ReadConcurrency, CancellationToken = cancellationToken }, async (partition, ct) =>
        {
            var rows = new List<TopicIndexRow>();
            try
            {
                await foreach (var row in _index.ListKeysAsync(partition.topic, ct))
                {
                    rows.Add(row);
                }
            }
            catch (RequestFailedException ex) when (StorageFaults.IsLayoutMissing(ex))
            {
                // The table went away (deleted by hand): laid out again, empty, and this run fills it.
                await _index.EnsureCreatedAsync(ct);
            }

            listed[partition.i] = rows;
        });

        var found = new HashSet<(int, string)>();
        var suspects = new List<(TopicIndexRow Row, string ArticleId, int Index)>();
        foreach (var row in listed.SelectMany(rows => rows))
        {
            var articleId = TopicIndexRow.ArticleIdOf(row.RowKey);
            if (ids.TryGetValue(articleId, out var i) && expected[i].Contains(row))
            {
                found.Add((i, row.TopicId));
            }
            else
            {
                suspects.Add((row, articleId, ids.TryGetValue(articleId, out var known) ? known : -1));
            }
        }

        // A row this run did not expect is stale only if its article is gone, or unchanged since this run read it;
        // otherwise an ingest rewrote the article meanwhile, and the next run judges its rows.
        var current = await CurrentVersionsAsync(suspects.Select(s => s.ArticleId).Distinct(StringComparer.Ordinal).ToList(), cancellationToken);
        var stale = suspects
            .Where(s => current.GetValueOrDefault(s.ArticleId) is not { } version || (s.Index >= 0 && version == states[s.Index].Version))
            .Select(s => s.Row)
            .ToList();

        var missing = new HashSet<int>();
        for (var i = 0; i < states.Count; i++)
        {
            // A changed score changes what the rows show (heat, story size), so they are rewritten even if their keys
            // stand; so does an ingest since the last run (a new title under the same rank), whose own write of them
            // may have been lost. The sweep compares keys only.
            var rewrite = states[i].ScoreChanged || states[i].WrittenSinceLastRun;
            if (!states[i].Superseded && (rewrite ? expected[i].Count > 0 : expected[i].Any(row => !found.Contains((i, row.TopicId)))))
            {
                missing.Add(i);
            }
        }

        return new IndexPlan(stale, [], missing, suspects.Count - stale.Count);
    }

    /// <summary>The stored version of each article (absent when it is gone): point reads for a few, shard scans for many.</summary>
    private async Task<Dictionary<string, string>> CurrentVersionsAsync(List<string> articleIds, CancellationToken cancellationToken)
    {
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        var shards = articleIds.GroupBy(ArticleEntityCodec.PartitionKeyOf, StringComparer.Ordinal).ToList();
        var gate = new object();
        await Parallel.ForEachAsync(shards, new ParallelOptions { MaxDegreeOfParallelism = _options.ReadConcurrency, CancellationToken = cancellationToken }, async (shard, ct) =>
        {
            if (shard.Count() > VersionPointReadsPerShard)
            {
                var all = await _articles.GetShardVersionsAsync(shard.Key, ct);
                lock (gate)
                {
                    foreach (var id in shard)
                    {
                        if (all.TryGetValue(id, out var version))
                        {
                            versions[id] = version;
                        }
                    }
                }

                return;
            }

            foreach (var summary in await PointReadAsync(shard, ct))
            {
                if (summary.Version is { } version)
                {
                    lock (gate)
                    {
                        versions[summary.Id] = version;
                    }
                }
            }
        });
        return versions;
    }

    /// <summary>
    /// The summaries of those of the articles of one shard that exist, read one by one, <see cref="RescoreOptions.ReadConcurrency"/>
    /// at a time (callers read that many shards at once).
    /// </summary>
    private async Task<List<ArticleSummary>> PointReadAsync(IEnumerable<string> articleIds, CancellationToken cancellationToken)
    {
        var found = new System.Collections.Concurrent.ConcurrentBag<ArticleSummary>();
        await Parallel.ForEachAsync(articleIds, new ParallelOptions { MaxDegreeOfParallelism = _options.ReadConcurrency, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            if (await _articles.GetSummaryAsync(id, ct) is { } summary)
            {
                found.Add(summary);
            }
        });
        return [.. found];
    }

    private async Task<int> WriteMissingRowsAsync(List<ArticleState> states, HashSet<int> missing, CancellationToken cancellationToken)
    {
        if (missing.Count == 0)
        {
            return 0;
        }

        // The rows carry what a feed shows, which the per-article state does not keep: read the shards concerned again.
        var byId = missing.ToDictionary(i => states[i].Id, i => states[i], StringComparer.Ordinal);
        var shards = byId.Keys.Select(ArticleEntityCodec.PartitionKeyOf).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var written = 0;
        await foreach (var shard in ReadInOrderAsync(shards, shard => ReadSummariesAsync(shard, byId, cancellationToken), cancellationToken))
        {
            var rows = new List<(TopicIndexRow, ArticleSummary)>();
            foreach (var summary in shard)
            {
                if (!byId.TryGetValue(summary.Id, out var state) || summary.Version != state.Version)
                {
                    continue;
                }

                var scored = summary with { Score = state.NewScore };
                foreach (var row in _index.RowsFor(state.Id, state.NewScore, state.Published))
                {
                    rows.Add((row, scored));
                }
            }

            await _index.UpsertRowsAsync(rows, cancellationToken);
            written += rows.Count;
        }

        return written;
    }

    /// <summary>The summaries of a shard's articles in <paramref name="wanted"/>: point reads for a few, else the shard.</summary>
    private async Task<List<ArticleSummary>> ReadSummariesAsync(string shard, Dictionary<string, ArticleState> wanted, CancellationToken cancellationToken)
    {
        var ids = wanted.Keys.Where(id => ArticleEntityCodec.PartitionKeyOf(id) == shard).ToList();
        if (ids.Count > SummaryPointReadsPerShard)
        {
            return (await _articles.ReadShardAsync(shard, null, cancellationToken)).Summaries;
        }

        return await PointReadAsync(ids, cancellationToken);
    }

    /// <summary>
    /// Every topic an article has, published or not (its count is of published articles: a topic named only by
    /// articles below the gate is listed with none, and its feed is empty rather than unknown), with its hottest.
    /// </summary>
    private async Task<int> WriteTopicStatsAsync(List<ArticleState> states, Dictionary<string, TopicStats> previous, DateTimeOffset namedSince, CancellationToken cancellationToken)
    {
        var current = new Dictionary<string, TopicStats>(StringComparer.Ordinal);
        var top = new Dictionary<string, (double Rank, ArticleState State)>(StringComparer.Ordinal);
        foreach (var state in states.Where(s => s.NewScore is not null))
        {
            var published = state.NewScore!.Published;
            var rank = _scorer.RankOf(state.NewScore.BaseHeat, state.Published);
            foreach (var topic in state.NewScore.TopicIds)
            {
                var definition = _taxonomy.Find(topic);
                var count = current.TryGetValue(topic, out var existing) ? existing.Articles : 0;
                if (published && (!top.TryGetValue(topic, out var best) || rank > best.Rank))
                {
                    top[topic] = (rank, state);
                }

                var hottest = top.TryGetValue(topic, out var found) ? found.State : null;
                current[topic] = new TopicStats(
                    topic,
                    definition?.Name ?? topic,
                    definition?.ParentId,
                    count + (published ? 1 : 0),
                    hottest?.NewScore!.BaseHeat ?? 0,
                    hottest is null ? null : TruncateToSeconds(hottest.Published));
            }
        }

        return await _stats.WriteChangedAsync(current, previous, namedSince, cancellationToken);
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static bool Same(ArticleScore? old, ArticleScore current) =>
        old is not null &&
        old.StoryId == current.StoryId &&
        old.StorySize == current.StorySize &&
        old.StoryProviders == current.StoryProviders &&
        old.BaseHeat.Equals(current.BaseHeat) &&
        old.Published == current.Published &&
        old.TopicIds.SequenceEqual(current.TopicIds, StringComparer.Ordinal);

    /// <summary>
    /// The settings that turn articles into records and scores into index rows: a snapshot or checkpoint taken under
    /// others (a new half-life, taxonomy or format) is never taken for current.
    /// </summary>
    private string Settings => _settings ??= Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
        System.Text.Json.JsonSerializer.Serialize(new
        {
            IndexLayout = 1,
            Heat = _scorer.Options,
            Stories = _storyOptions,
            Topics = _taxonomy.Topics.Select(t => $"{t.Id}<{t.ParentId}:{string.Join(',', t.Keywords)}"),
        }))));

    /// <summary>Names an index: the article versions whose rows it holds, under these <see cref="Settings"/>.</summary>
    private string Fingerprint(IEnumerable<(string Id, string? Version)> versions)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Settings));
        foreach (var (id, version) in versions.OrderBy(v => v.Id, StringComparer.Ordinal))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"\n{id} {version}"));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The topic index lacks rows the last run left (a table dropped or emptied by hand?); this run sweeps it in full")]
    private partial void LogIndexNotAsRecorded();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The rescoring snapshot of shard {Shard} could not be written; the next run reads that shard in full")]
    private partial void LogSnapshotFailed(Exception exception, string shard);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rescored {Articles} articles: {Changed} changed, {Stories} stories, {RowsWritten} index rows written, {RowsDeleted} deleted, {Writes} writes in {DurationMs:F0} ms")]
    private partial void LogSummary(int articles, int changed, int stories, int rowsWritten, int rowsDeleted, int writes, double durationMs);

    /// <summary>
    /// A run's side of the checkpoint protocol (see <see cref="TopicStatsStore"/>): clears the checkpoint before the run's first
    /// write, and at its end records one only over its own clearing (or, when it wrote nothing, over the row it read at
    /// its start), else clears it again.
    /// </summary>
    private sealed class CheckpointGuard(TopicStatsStore store, IndexCheckpoint atStart)
    {
        private bool _wrote;
        private ETag? _cleared;

        public async Task BeforeWriteAsync(CancellationToken cancellationToken)
        {
            if (_wrote)
            {
                return;
            }

            _wrote = true;
            _cleared = await store.TryClearCheckpointAsync(atStart, cancellationToken);
            if (_cleared is null)
            {
                // Another run changed the row since this one read it, and may have recorded what this run is about to change.
                await store.ClearCheckpointAsync(cancellationToken);
            }
        }

        /// <summary>Records <paramref name="fingerprint"/> (null: the index is not known exactly) if the protocol allows; returns whether it did.</summary>
        public async Task<bool> FinishAsync(string? fingerprint, DateTimeOffset sweptAt, DateTimeOffset now, CancellationToken cancellationToken)
        {
            if (!_wrote)
            {
                return fingerprint is not null
                    && (fingerprint != atStart.Fingerprint || sweptAt != atStart.SweptAt)
                    && await store.TryRecordCheckpointAsync(fingerprint, sweptAt, now, atStart.ETag, cancellationToken);
            }

            if (fingerprint is not null && _cleared is { } cleared && await store.TryRecordCheckpointAsync(fingerprint, sweptAt, now, cleared, cancellationToken))
            {
                return true;
            }

            await store.ClearCheckpointAsync(cancellationToken);
            return false;
        }
    }

    /// <summary>What a run holds per article between its passes.</summary>
    private sealed class ArticleState(ScoringRecord record, ScoringRecord? last)
    {
        public ScoringRecord Record { get; } = record;

        /// <summary>The article as the last run left it (its snapshot), when that is known.</summary>
        public ScoringRecord? Base { get; } = last;

        /// <summary>Written since the last run (or new): an ingest wrote its rows.</summary>
        public bool ChangedSinceLastRun => Base is null || Base.Version != Record.Version;

        /// <summary>
        /// Written since the last run read its shard, by version when the shard came from a snapshot, else by the row's
        /// time; false when neither is known (no snapshot was ever readable).
        /// </summary>
        public bool WrittenSinceLastRun { get; set; }

        /// <summary>How long before the read its row was written (the rows a snapshot held: long ago).</summary>
        public TimeSpan AgeAtRead { get; init; }

        /// <summary>When, by this process's stopwatch, its shard was read.</summary>
        public long ReadTimestamp { get; init; }

        public IReadOnlyList<TopicIndexRow> Recheck { get; set; } = [];

        public string Id => Record.Id;

        public int? Quality => Record.Quality;

        public DateTimeOffset Published => Record.Published;

        public ArticleScore? OldScore => Record.Score;

        public string? Version { get; set; } = record.Version;

        public IReadOnlyList<string> Topics => Record.Topics;

        public ArticleScore? NewScore { get; set; }

        public bool ScoreChanged { get; set; }

        public bool Superseded { get; set; }
    }

    /// <summary>
    /// One shard as this run read it: its records, the last run's (its snapshot, null when read in full), the storage
    /// time of the read, rows fetched and when each was written, this process's stopwatch at the read, and the storage
    /// time the last run read the shard (known from its snapshot even when that is too old to use).
    /// </summary>
    private sealed record ShardRead(
        string Shard,
        IReadOnlyList<ScoringRecord> Records,
        IReadOnlyList<ScoringRecord>? Base,
        DateTimeOffset ReadAt,
        DateTimeOffset FullReadAt,
        int Fetched,
        IReadOnlyDictionary<string, DateTimeOffset> ChangedAt,
        long ReadTimestamp,
        DateTimeOffset? LastReadAt);

    /// <summary>
    /// The index writes a run plans: rows known to be there to delete, rows to delete if there, articles whose rows to
    /// write, and rows it left for the next run to judge (their article changed under the run).
    /// </summary>
    private sealed record IndexPlan(List<TopicIndexRow> Stale, List<TopicIndexRow> MaybeStale, HashSet<int> Missing, int Unresolved);
}
