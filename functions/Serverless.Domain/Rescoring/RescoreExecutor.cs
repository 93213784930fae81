using System.Collections.Concurrent;
using Azure;
using Serverless.Domain.Articles;
using Serverless.Domain.Feeds;
using Serverless.Domain.Ingestion;
using Serverless.Domain.Scoring;
using Serverless.Domain.Stores;
using Serverless.Domain.Topics;

namespace Serverless.Domain.Rescoring;

/// <summary>
/// Carries out a slice's plan: scores (each only over the version scored), index rows, stories, topic counts and
/// hottest articles, and last the journal entries, which go only once everything they caused is written. A slice
/// that dies half way is planned again from its entries by the next run, and every write here is idempotent.
/// </summary>
public sealed class RescoreExecutor
{
    private readonly ArticleStore _articles;
    private readonly TopicIndexStore _index;
    private readonly TopicStatsStore _stats;
    private readonly ChangeJournalStore _journal;
    private readonly StoryWriter _stories;
    private readonly ArticleIndexer _indexer;
    private readonly TopicTaxonomy _taxonomy;
    private readonly FeedCacheInvalidator _feedCaches;

    public RescoreExecutor(
        ArticleStore articles,
        TopicIndexStore index,
        TopicStatsStore stats,
        ChangeJournalStore journal,
        StoryWriter stories,
        ArticleIndexer indexer,
        TopicTaxonomy taxonomy,
        FeedCacheInvalidator feedCaches)
    {
        _articles = articles;
        _index = index;
        _stats = stats;
        _journal = journal;
        _stories = stories;
        _indexer = indexer;
        _taxonomy = taxonomy;
        _feedCaches = feedCaches;
    }

    public async Task<RescoreSliceOutcome> ExecuteAsync(RescoreSlice slice, DateTimeOffset now, Action<string> lap, CancellationToken cancellationToken)
    {
        var set = slice.Set;
        var staleRows = slice.Changes.GroupBy(c => c.ArticleId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<TopicIndexRow>)[.. g.SelectMany(c => c.StaleRows).Distinct()], StringComparer.Ordinal);
        var stored = slice.Stories.Values.SelectMany(s => s.Members).Where(m => m.Record is not null).GroupBy(m => m.Record!.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Record!, StringComparer.Ordinal);
        var removed = set.Removed.Keys.ToDictionary(
            id => id,
            id => stored.TryGetValue(id, out var record) ? (record.Score, record.Published) : ((ArticleScore?)null, default(DateTimeOffset)),
            StringComparer.Ordinal);
        var changes = RescorePlanner.Plan(slice.Plan, set, staleRows, removed, _indexer.Score, _index.RowsFor);
        lap("plan");

        var summaries = await ReadSummariesAsync(slice, changes, cancellationToken);
        var (live, changed, superseded) = await WriteScoresAsync(changes, summaries, cancellationToken);
        var supersededCount = superseded.Count;
        lap("scores");

        var stale = live.SelectMany(c => c.StaleRows).ToList();
        var rows = live.SelectMany(c => c.Rows.Select(row => (row, summaries[c.ArticleId] with { Score = c.Score }))).ToList();
        await _index.DeleteRowsAsync(stale, cancellationToken);
        await _index.UpsertRowsAsync(rows, cancellationToken);
        lap("index rows");

        var scores = live.Where(c => c.Score is not null).ToDictionary(c => c.ArticleId, c => c.Score!, StringComparer.Ordinal);
        var storyRows = await _stories.WriteAsync(slice, scores, cancellationToken);
        lap("stories");

        var counts = live.Select(c => new TopicCount(c.ArticleId, c.Score?.TopicIds ?? [], c.Score?.Published ?? false)).ToList();
        var parents = counts.SelectMany(c => c.Topics).Distinct(StringComparer.Ordinal).ToDictionary(t => t, t => _taxonomy.Find(t)?.ParentId, StringComparer.Ordinal);
        // A topic an ingest named in the last minute may belong to an article this run has not seen: it stays.
        var statsWritten = await _stats.ApplyCountsAsync(counts, parents, now - TimeSpan.FromMinutes(1), cancellationToken);
        var topics = stale.Select(r => r.TopicId).Concat(rows.Select(r => r.row.TopicId)).ToHashSet(StringComparer.Ordinal);
        statsWritten += await _stats.WriteHottestAsync(await HottestAsync(topics, cancellationToken), cancellationToken);
        _feedCaches.Invalidate(topics);
        lap("counts");

        // The entry of an article written meanwhile stays for the next run: the write that raced this run (a retraction's
        // tombstone) may have journaled its change before this run read the journal, under this very entry.
        var done = await _journal.RemoveAsync(slice.Changes.Where(c => !superseded.Contains(c.ArticleId)), cancellationToken);
        lap("journal");
        return new RescoreSliceOutcome(
            set.Articles.Count + set.Removed.Count,
            slice.ArticlesInWindow,
            changed,
            supersededCount,
            slice.Plan.Stories.Count,
            rows.Count,
            stale.Count,
            statsWritten,
            storyRows,
            slice.Changes.Select(c => c.ArticleId).Distinct(StringComparer.Ordinal).Count(),
            done);
    }

    /// <summary>What each article to write shows in the index: the changed ones as loaded, the others read now (a point read each).</summary>
    private async Task<Dictionary<string, ArticleSummary>> ReadSummariesAsync(RescoreSlice slice, List<ScoreChange> changes, CancellationToken cancellationToken)
    {
        var found = new ConcurrentDictionary<string, ArticleSummary>(StringComparer.Ordinal);
        var wanted = new List<string>();
        foreach (var change in changes.Where(c => c.Score is not null))
        {
            if (slice.Current.TryGetValue(change.ArticleId, out var current))
            {
                found[change.ArticleId] = current.Summary;
            }
            else
            {
                wanted.Add(change.ArticleId);
            }
        }

        await Parallel.ForEachAsync(wanted, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            // A member withdrawn since its story was written is left out: no score or index row brings it back, and its
            // own journal entry takes it out of the story.
            if (await _articles.GetSummaryAsync(id, ct) is { Withdrawal: null } summary)
            {
                found[id] = summary;
            }
        });
        return new Dictionary<string, ArticleSummary>(found, StringComparer.Ordinal);
    }

    /// <summary>
    /// Writes the changed scores, each only over the version scored. An article written meanwhile (an ingest) is
    /// left to its own journal entry: its rows and counts are not touched here.
    /// </summary>
    private async Task<(List<ScoreChange> Live, int Changed, HashSet<string> Superseded)> WriteScoresAsync(
        List<ScoreChange> changes, Dictionary<string, ArticleSummary> summaries, CancellationToken cancellationToken)
    {
        var writes = changes.Where(c => c.ScoreChanged && summaries.ContainsKey(c.ArticleId)).ToList();
        var versions = new ConcurrentDictionary<string, string?>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            writes.GroupBy(c => ArticleEntityCodec.PartitionKeyOf(c.ArticleId), StringComparer.Ordinal),
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (shard, ct) =>
            {
                var updates = shard.Select(c => (c.ArticleId, c.Score!, summaries[c.ArticleId].Version is { } v ? new ETag(v) : ETag.All)).ToList();
                foreach (var (id, version) in await _articles.UpdateScoresAsync(shard.Key, updates, ct))
                {
                    versions[id] = version;
                }
            });

        var live = changes.Where(c => c.Score is null || (summaries.ContainsKey(c.ArticleId) && (!c.ScoreChanged || versions.GetValueOrDefault(c.ArticleId) is not null))).ToList();
        var changed = versions.Count(v => v.Value is not null);
        return (live, changed, versions.Where(v => v.Value is null).Select(v => v.Key).ToHashSet(StringComparer.Ordinal));
    }

    private async Task<Dictionary<string, (double, DateTimeOffset?)>> HottestAsync(IEnumerable<string> topics, CancellationToken cancellationToken)
    {
        var hottest = new ConcurrentDictionary<string, (double, DateTimeOffset?)>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(topics, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (topic, ct) =>
        {
            var (top, _) = await _index.ReadPageAsync(topic, null, "~", 1, ct);
            hottest[topic] = top.Count > 0 ? (top[0].BaseHeat, top[0].RankedAt ?? top[0].PublishedDateTime) : (0d, null);
        });
        return new Dictionary<string, (double, DateTimeOffset?)>(hottest, StringComparer.Ordinal);
    }
}
