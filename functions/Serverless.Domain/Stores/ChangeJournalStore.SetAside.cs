using Azure;
using Azure.Data.Tables;

namespace Serverless.Domain.Stores;

/// <summary>
/// Journal entries a run could not apply (<c>Rescoring.RescoreRunner</c> finds them by bisection), kept apart in the
/// journal's own partition under RowKey <c>~setaside_{entry key}</c>, which sorts after every entry (keys begin with a
/// date) and which journal reads stop before, so they hold up no entry behind them. Moving an entry there is one
/// transaction in one partition (Azure refuses a transaction across partitions), so it is never both or neither. A set-aside entry goes
/// back to the journal when its retry time comes (back-off doubling from <c>SetAsideRetryMinutes</c>); past
/// <c>SetAsideAttempts</c> it is parked (RetryAt empty) until an operator releases it (README, RELIABILITY runbook).
/// </summary>
public sealed partial class ChangeJournalStore
{
    // Sorts after every journal key (they begin with a date) and before nothing: journal reads end at JournalEnd.
    private const string SetAsidePrefix = "~setaside_";
    private const string SetAsideEnd = "~setaside`";

    /// <summary>
    /// Moves <paramref name="change"/> from the journal to the set-aside partition with its error and attempt count;
    /// false when the entry changed meanwhile (an ingest wrote it again: the new version gets its own chance).
    /// </summary>
    public async Task<bool> SetAsideAsync(SetAsideChange setAside, ArticleChange change, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition, SetAsidePrefix + change.Key)
        {
            ["ArticleId"] = change.ArticleId,
            ["Stale"] = StaleColumn(change.StaleRows),
            ["Attempts"] = setAside.Attempts,
            ["Error"] = setAside.Error.Length > 4_000 ? setAside.Error[..4_000] : setAside.Error,
            ["SetAsideAt"] = setAside.SetAsideAt,
            ["RetryAt"] = setAside.RetryAt,
        };
        try
        {
            await _table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity),
                    new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(Partition, change.Key), change.Version),
                ],
                cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>
    /// Puts <paramref name="entries"/> (read by <see cref="ReadSetAsideAsync"/>) back into the journal, each keeping its
    /// attempt count. Returns how many went back.
    /// </summary>
    public async Task<int> ReleaseAsync(IEnumerable<SetAsideEntry> entries, CancellationToken cancellationToken)
    {
        var released = 0;
        foreach (var entry in entries)
        {
            var back = new TableEntity(Partition, entry.Key)
            {
                ["ArticleId"] = entry.ArticleId,
                ["Stale"] = entry.Stale,
                ["Attempts"] = entry.Attempts,
            };
            var row = SetAsidePrefix + entry.Key;
            try
            {
                await _table.SubmitTransactionAsync(
                    [
                        new TableTransactionAction(TableTransactionActionType.Add, back),
                        new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(Partition, row), entry.Version),
                    ],
                    cancellationToken);
                released++;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 404 or 409 or 412)
            {
                // An ingest journaled the same key meanwhile (it carries the change), or another run released it first.
                await _table.DeleteEntityAsync(Partition, row, ETag.All, cancellationToken);
            }
        }

        return released;
    }

    /// <summary>The set-aside entries, waiting and parked (at most <paramref name="limit"/>): what an operator looks at.</summary>
    public async Task<IReadOnlyList<SetAsideEntry>> ReadSetAsideAsync(int limit, CancellationToken cancellationToken)
    {
        var entries = new List<SetAsideEntry>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {SetAsidePrefix} and RowKey lt {SetAsideEnd}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(limit, 1000), cancellationToken: cancellationToken))
        {
            entries.Add(new SetAsideEntry(
                entity.RowKey[SetAsidePrefix.Length..],
                entity.GetString("ArticleId") ?? string.Empty,
                entity.GetString("Stale"),
                entity.GetInt32("Attempts") ?? 1,
                entity.GetString("Error") ?? string.Empty,
                entity.GetDateTimeOffset("SetAsideAt") ?? DateTimeOffset.MinValue,
                entity.GetDateTimeOffset("RetryAt"),
                entity.ETag));
            if (entries.Count == limit)
            {
                break;
            }
        }

        return entries;
    }

}
