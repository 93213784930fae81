using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Domain.Articles;
using Serverless.Domain.Storage;
using Serverless.Domain.Telemetry;
using Serverless.Domain.Topics;

namespace Serverless.Domain.Scoring;

/// <summary>
/// One rescoring run: pages through every article's summary, clusters stories across all of them, recomputes each
/// score, writes only the scores that changed, and brings the topic index to exactly the rows the scores call for.
/// Deterministic for given data (scores do not depend on the clock), and idempotent: two overlapping runs, or a run after one that died half
/// way, converge on the same index. A row is deleted only when its article is gone or is still the version this run
/// scored, so rows an ingest writes during the run are left for the next run to judge.
/// </summary>
public sealed partial class RescoreService
{
    private readonly ArticleStore _articles;
    private readonly TopicIndexStore _index;
    private readonly TopicStatsStore _stats;
    private readonly ArticleIndexer _indexer;
    private readonly TopicTaxonomy _taxonomy;
    private readonly HeatScorer _scorer;
    private readonly StoryOptions _storyOptions;
    private readonly RescoreOptions _options;
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
        PipelineMetrics metrics,
        ILogger<RescoreService> logger)
    {
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
        using var activity = PipelineMetrics.ActivitySource.StartActivity("rescore");
        var stopwatch = Stopwatch.StartNew();
        var (states, coverage) = await LoadAndClusterAsync(cancellationToken);
        var ids = new Dictionary<string, int>(states.Count, StringComparer.Ordinal);
        for (var i = 0; i < states.Count; i++)
        {
            ids[states[i].Id] = i;
            states[i].NewScore = _indexer.Score(states[i].Quality, coverage[i], states[i].Topics);
        }

        var (changed, superseded) = await WriteScoresAsync(states, cancellationToken);
        var (stale, missing) = await SweepIndexAsync(states, ids, cancellationToken);
        var written = await WriteMissingRowsAsync(states, missing, cancellationToken);
        await _index.SubmitAsync(
            stale.Select(row => (row.TopicId, new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(row.TopicId, row.RowKey), ETag.All))),
            cancellationToken);
        var statsWritten = await WriteTopicStatsAsync(states, cancellationToken);

        var report = new RescoreReport(
            states.Count,
            changed,
            superseded,
            coverage.Select(c => c.StoryId).Distinct(StringComparer.Ordinal).Count(),
            written,
            stale.Count,
            statsWritten,
            stopwatch.Elapsed);
        _metrics.RescoreDuration.Record(report.Duration.TotalSeconds);
        _metrics.RescoreWrites.Add(report.Writes);
        LogSummary(report.ArticlesRead, report.ArticlesChanged, report.Stories, report.IndexRowsWritten, report.IndexRowsDeleted, report.Writes, report.Duration.TotalMilliseconds);
        return report;
    }

    private async Task<(List<ArticleState> States, StoryCoverage[] Coverage)> LoadAndClusterAsync(CancellationToken cancellationToken)
    {
        var clusterer = new StoryClusterer(_storyOptions);
        var states = new List<ArticleState>();
        await foreach (var summary in _articles.GetSummariesAsync(cancellationToken: cancellationToken))
        {
            clusterer.Add(StoryMembers.From(summary, _scorer.Options.DefaultQuality), StoryMembers.RelatedIds(summary), StoryMembers.RelatedProviders(summary));
            var topics = _taxonomy.Resolve(summary.Topics, summary.Title, summary.Excerpt);
            if (topics.Count == 0 && summary.Score is { } old)
            {
                // Untagged plain text was matched on its body at ingest, which the summary does not carry.
                topics = old.TopicIds;
            }

            states.Add(new ArticleState(summary.Id, summary.Quality, summary.EffectivePublished, summary.Score, summary.Version, topics));
        }

        return (states, clusterer.Cluster());
    }

    private async Task<(int Changed, int Superseded)> WriteScoresAsync(List<ArticleState> states, CancellationToken cancellationToken)
    {
        int changed = 0, superseded = 0;
        var pending = states.Where(s => !Same(s.OldScore, s.NewScore!)).ToList();
        await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = _options.WriteConcurrency, CancellationToken = cancellationToken }, async (state, ct) =>
        {
            var version = await _articles.UpdateScoreAsync(state.Id, state.NewScore!, state.Version is null ? ETag.All : new ETag(state.Version), ct);
            if (version is null)
            {
                state.Superseded = true;
                Interlocked.Increment(ref superseded);
            }
            else
            {
                state.ScoreChanged = true;
                state.Version = version;
                Interlocked.Increment(ref changed);
            }
        });
        return (changed, superseded);
    }

    private async Task<(List<TopicIndexRow> Stale, HashSet<int> Missing)> SweepIndexAsync(
        List<ArticleState> states, Dictionary<string, int> ids, CancellationToken cancellationToken)
    {
        var expected = states.Select(s => _index.RowsFor(s.Id, s.NewScore, s.Published)).ToArray();
        var found = new HashSet<(int, string)>();
        var suspects = new List<(TopicIndexRow Row, string ArticleId, int Index)>();
        await foreach (var entity in _index.ListKeysAsync(cancellationToken))
        {
            var row = new TopicIndexRow(entity.PartitionKey, entity.RowKey);
            var articleId = TopicIndexRow.ArticleIdOf(entity.RowKey);
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
        var stale = new List<TopicIndexRow>();
        var current = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (row, articleId, i) in suspects)
        {
            if (!current.TryGetValue(articleId, out var version))
            {
                version = current[articleId] = (await _articles.GetSummaryAsync(articleId, cancellationToken))?.Version;
            }

            if (version is null || (i >= 0 && version == states[i].Version))
            {
                stale.Add(row);
            }
        }

        var missing = new HashSet<int>();
        for (var i = 0; i < states.Count; i++)
        {
            // A changed score changes what the rows show (heat, story size), so they are rewritten even if their keys stand.
            if (!states[i].Superseded && (states[i].ScoreChanged ? expected[i].Count > 0 : expected[i].Any(row => !found.Contains((i, row.TopicId)))))
            {
                missing.Add(i);
            }
        }

        return (stale, missing);
    }

    private async Task<int> WriteMissingRowsAsync(List<ArticleState> states, HashSet<int> missing, CancellationToken cancellationToken)
    {
        if (missing.Count == 0)
        {
            return 0;
        }

        var byId = missing.ToDictionary(i => states[i].Id, i => states[i], StringComparer.Ordinal);
        var actions = new List<(string, TableTransactionAction)>();
        await foreach (var summary in _articles.GetSummariesAsync(cancellationToken: cancellationToken))
        {
            if (!byId.TryGetValue(summary.Id, out var state) || summary.Version != state.Version)
            {
                continue;
            }

            var scored = summary with { Score = state.NewScore };
            foreach (var row in _index.RowsFor(state.Id, state.NewScore, state.Published))
            {
                actions.Add((row.TopicId, new TableTransactionAction(TableTransactionActionType.UpsertReplace, _index.ToEntity(row, scored))));
            }
        }

        await _index.SubmitAsync(actions, cancellationToken);
        return actions.Count;
    }

    private async Task<int> WriteTopicStatsAsync(List<ArticleState> states, CancellationToken cancellationToken)
    {
        var current = new Dictionary<string, TopicStats>(StringComparer.Ordinal);
        var top = new Dictionary<string, (double Rank, ArticleState State)>(StringComparer.Ordinal);
        foreach (var state in states.Where(s => s.NewScore is { Published: true }))
        {
            var rank = _scorer.RankOf(state.NewScore!.BaseHeat, state.Published);
            foreach (var topic in state.NewScore.TopicIds)
            {
                var definition = _taxonomy.Find(topic);
                var count = current.TryGetValue(topic, out var existing) ? existing.Articles : 0;
                if (!top.TryGetValue(topic, out var best) || rank > best.Rank)
                {
                    top[topic] = best = (rank, state);
                }

                current[topic] = new TopicStats(
                    topic,
                    definition?.Name ?? topic,
                    definition?.ParentId,
                    count + 1,
                    best.State.NewScore!.BaseHeat,
                    TruncateToSeconds(best.State.Published));
            }
        }

        var previous = await _stats.GetAllAsync(cancellationToken);
        return await _stats.WriteChangedAsync(current, previous, cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Rescored {Articles} articles: {Changed} changed, {Stories} stories, {RowsWritten} index rows written, {RowsDeleted} deleted, {Writes} writes in {DurationMs:F0} ms")]
    private partial void LogSummary(int articles, int changed, int stories, int rowsWritten, int rowsDeleted, int writes, double durationMs);

    /// <summary>What a run holds per article between its passes.</summary>
    private sealed class ArticleState(string id, int? quality, DateTimeOffset published, ArticleScore? oldScore, string? version, IReadOnlyList<string> topics)
    {
        public string Id { get; } = id;

        public int? Quality { get; } = quality;

        public DateTimeOffset Published { get; } = published;

        public ArticleScore? OldScore { get; } = oldScore;

        public string? Version { get; set; } = version;

        public IReadOnlyList<string> Topics { get; } = topics;

        public ArticleScore? NewScore { get; set; }

        public bool ScoreChanged { get; set; }

        public bool Superseded { get; set; }
    }
}
