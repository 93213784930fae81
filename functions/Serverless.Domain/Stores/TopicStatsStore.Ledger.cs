using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Serverless.Domain.Storage.Tables;

namespace Serverless.Domain.Stores;

public sealed partial class TopicStatsStore
{
    private const int LedgerConcurrency = 8;
    private const int MaxCountAttempts = 8;

    /// <summary>
    /// Brings the counts to what the articles now count for: for each article whose ledger row says otherwise, the
    /// row and the counts of the topics it enters or leaves change in one transaction. A topic no article is listed
    /// under any more loses its row, unless an ingest named it since <paramref name="namedSince"/>. Returns the
    /// writes made (ledger rows and counts).
    /// </summary>
    public async Task<int> ApplyCountsAsync(IReadOnlyList<TopicCount> counts, IReadOnlyDictionary<string, string?> parents, DateTimeOffset namedSince, CancellationToken cancellationToken)
    {
        var ledger = await ReadLedgerAsync(counts.Select(c => c.ArticleId), cancellationToken);
        var changes = counts.Where(c => !ledger.TryGetValue(c.ArticleId, out var old) ? c.Topics.Count > 0 : !Same(old, c)).ToList();
        var writes = 0;
        foreach (var batch in Batches(changes, ledger))
        {
            for (var attempt = 1; ; attempt++)
            {
                var stats = await GetAllAsync(cancellationToken);
                var actions = Plan(batch, ledger, stats, parents, namedSince);
                var outcomes = await _submitter.SubmitAsync(actions, cancellationToken);
                if (outcomes.All(o => o.Succeeded))
                {
                    writes += actions.Count;
                    break;
                }

                // An ingest named a topic between the read and the write (409, 412): read the counts again.
                if (attempt == MaxCountAttempts || outcomes.Any(o => !o.Succeeded && o.FailedStatus is not (409 or 412)))
                {
                    TableActionOutcome.ThrowIfAnyFailed(outcomes);
                }
            }

            foreach (var change in batch)
            {
                ledger[change.ArticleId] = change;
            }
        }

        return writes;
    }

    /// <summary>Sets each topic's hottest article (base heat and publication time) where it differs from what is stored.</summary>
    public async Task<int> WriteHottestAsync(IReadOnlyDictionary<string, (double BaseHeat, DateTimeOffset? Published)> hottest, CancellationToken cancellationToken)
    {
        var stats = await GetAllAsync(cancellationToken);
        var actions = hottest
            .Where(h => stats.TryGetValue(h.Key, out var s) && (!s.TopBaseHeat.Equals(h.Value.BaseHeat) || s.TopPublished != Seconds(h.Value.Published)))
            .Select(h => new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity(Partition, h.Key)
            {
                ["TopBaseHeat"] = h.Value.BaseHeat,
                ["TopPublished"] = Seconds(h.Value.Published),
            }, ETag.All))
            .ToList();
        var outcomes = await _submitter.SubmitAsync(actions, cancellationToken);
        // A topic whose row went meanwhile (404) has no hottest article to show.
        TableActionOutcome.ThrowIfAnyFailed(outcomes.Where(o => o.FailedStatus != 404));
        return actions.Count;
    }

    private static DateTimeOffset? Seconds(DateTimeOffset? value) => value is { } v ? TruncateToSeconds(v) : null;

    private static bool Same(TopicCount a, TopicCount b) => a.Published == b.Published && a.Topics.Order(StringComparer.Ordinal).SequenceEqual(b.Topics.Order(StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>Articles in groups whose ledger rows and topic counts fit one transaction.</summary>
    private static IEnumerable<List<TopicCount>> Batches(List<TopicCount> changes, Dictionary<string, TopicCount> ledger)
    {
        var batch = new List<TopicCount>();
        var topics = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            var touched = change.Topics.Concat(ledger.GetValueOrDefault(change.ArticleId)?.Topics ?? []).ToHashSet(StringComparer.Ordinal);
            if (batch.Count > 0 && batch.Count + 1 + topics.Union(touched).Count() > TableTransactionSubmitter.MaxActions)
            {
                yield return batch;
                batch = [];
                topics.Clear();
            }

            batch.Add(change);
            topics.UnionWith(touched);
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    private List<TableTransactionAction> Plan(
        List<TopicCount> batch, Dictionary<string, TopicCount> ledger, Dictionary<string, TopicStats> stats, IReadOnlyDictionary<string, string?> parents, DateTimeOffset namedSince)
    {
        var deltas = new Dictionary<string, (int Published, int Listed)>(StringComparer.Ordinal);
        var actions = new List<TableTransactionAction>();
        foreach (var change in batch)
        {
            var old = ledger.GetValueOrDefault(change.ArticleId);
            foreach (var topic in old?.Topics ?? [])
            {
                var d = deltas.GetValueOrDefault(topic);
                deltas[topic] = (d.Published - (old!.Published ? 1 : 0), d.Listed - 1);
            }

            foreach (var topic in change.Topics)
            {
                var d = deltas.GetValueOrDefault(topic);
                deltas[topic] = (d.Published + (change.Published ? 1 : 0), d.Listed + 1);
            }

            var key = LedgerPrefix + change.ArticleId;
            actions.Add(change.Topics.Count == 0
                ? new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(Partition, key), ETag.All)
                : new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(Partition, key)
                {
                    ["Topics"] = string.Join(' ', change.Topics),
                    ["Published"] = change.Published,
                }));
        }

        foreach (var (topic, delta) in deltas.Where(d => d.Value != (0, 0)))
        {
            if (!stats.TryGetValue(topic, out var current))
            {
                if (delta.Listed <= 0)
                {
                    continue;
                }

                actions.Add(new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(Partition, topic)
                {
                    ["ParentId"] = parents.GetValueOrDefault(topic),
                    ["Articles"] = Math.Max(0, delta.Published),
                    ["Listed"] = Math.Max(0, delta.Listed),
                    ["TopBaseHeat"] = 0d,
                }));
                continue;
            }

            // A row counted before the ledger existed starts from zero: the ledger recounts every article once.
            var listed = (current.Listed is null ? 0 : current.Listed.Value) + delta.Listed;
            var published = (current.Listed is null ? 0 : current.Articles) + delta.Published;
            if (listed <= 0 && !(current.NameSeenAt >= namedSince))
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(Partition, topic), current.Version));
                _spellings.TryRemove(topic, out _);
                continue;
            }

            actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity(Partition, topic)
            {
                ["ParentId"] = parents.GetValueOrDefault(topic),
                ["Articles"] = Math.Max(0, published),
                ["Listed"] = Math.Max(0, listed),
            }, current.Version));
        }

        return actions;
    }

    private async Task<Dictionary<string, TopicCount>> ReadLedgerAsync(IEnumerable<string> articleIds, CancellationToken cancellationToken)
    {
        var found = new ConcurrentDictionary<string, TopicCount>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(articleIds.Distinct(StringComparer.Ordinal), new ParallelOptions { MaxDegreeOfParallelism = LedgerConcurrency, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, LedgerPrefix + id, cancellationToken: ct);
            if (row.HasValue && row.Value is { } entity)
            {
                found[id] = new TopicCount(id, (entity.GetString("Topics") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries), entity.GetBoolean("Published") ?? false);
            }
        });
        return new Dictionary<string, TopicCount>(found, StringComparer.Ordinal);
    }
}
