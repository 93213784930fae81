using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Serverless.Domain.Storage;
using Serverless.Domain.Storage.Tables;
using Serverless.Domain.Topics;

namespace Serverless.Domain.Stores;

/// <summary>
/// The TopicStats table: one row per topic (PartitionKey "topic", RowKey = topic id), its counts written by rescoring
/// and its name, for topics outside the taxonomy, by the ingests that see it; and the
/// rescoring runs' index checkpoint (PartitionKey "rescore", RowKey "index-checkpoint"). The checkpoint row says: the
/// topic index holds exactly the rows that these article versions' scores imply (<see cref="IndexCheckpoint.Fingerprint"/>,
/// the versions the last run's snapshots hold), as established by a full sweep at <see cref="IndexCheckpoint.SweptAt"/>
/// and kept since by runs that wrote only what they knew to change. A writing run clears the row before its first
/// write, with If-Match on the row it read at its start, and at its end records over its own clearing (If-Match
/// again): any other run's clearing or recording in between makes that fail, and a run that lost the race clears the
/// row after its last write. So a checkpoint never survives a run that wrote without knowing of another.
/// </summary>
public sealed class TopicStatsStore : IStorageSchema
{
    private const string Partition = "topic";
    private const string CheckpointPartition = "rescore";
    private const string CheckpointRow = "index-checkpoint";
    private const int MaxSpellingAttempts = 8;

    // A run (in any process) deletes the row of a topic no article has any more: what a process remembers of a
    // spelling is trusted this long, so a topic that comes back is recorded again. One read a topic per process then.
    private const long SpellingMemoryMilliseconds = 10 * 60 * 1000;
    private readonly TableClient _table;
    private readonly TableTransactionSubmitter _submitter;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (DateTimeOffset? SeenAt, string Name, long RememberedAt)> _spellings = new(StringComparer.Ordinal);

    public TopicStatsStore(TableServiceClient tables, IOptions<StorageOptions> options)
    {
        _table = tables.GetTableClient(options.Value.TopicStatsTable);
        _submitter = new TableTransactionSubmitter(_table);
    }

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) => await _table.CreateIfNotExistsAsync(cancellationToken);

    public async Task<Dictionary<string, TopicStats>> GetAllAsync(CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, TopicStats>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var stats = result[entity.RowKey] = Read(entity);
            if (stats.NameSeenAt is { } seenAt)
            {
                _spellings[stats.TopicId] = (seenAt, stats.Name, Environment.TickCount64);
            }
        }

        return result;
    }

    /// <summary>
    /// Writes the counts and hottest articles that differ from <paramref name="previous"/> and deletes the rows of
    /// topics no article has any more, unless an ingest named them since <paramref name="namedSince"/> (its article may
    /// be newer than what the caller counted). Names are not written here: they belong to the ingests that saw them
    /// (<see cref="RecordSpellingsAsync"/>), so a run never overwrites a spelling recorded while it ran.
    /// </summary>
    public async Task<int> WriteChangedAsync(IReadOnlyDictionary<string, TopicStats> current, IReadOnlyDictionary<string, TopicStats> previous, DateTimeOffset namedSince, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>();
        foreach (var stats in current.Values.Where(s => !previous.TryGetValue(s.TopicId, out var old) || !SameCounts(old, s)))
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertMerge, new TableEntity(Partition, stats.TopicId)
            {
                ["ParentId"] = stats.ParentId,
                ["Articles"] = stats.Articles,
                ["TopBaseHeat"] = stats.TopBaseHeat,
                ["TopPublished"] = stats.TopPublished,
            }));
        }

        foreach (var gone in previous.Values.Where(s => !current.ContainsKey(s.TopicId) && !(s.NameSeenAt >= namedSince)))
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(Partition, gone.TopicId), ETag.All));
            _spellings.TryRemove(gone.TopicId, out _);
        }

        TableActionOutcome.ThrowIfAnyFailed(await _submitter.SubmitAsync(actions, cancellationToken));
        return actions.Count;
    }

    /// <summary>
    /// Records the names of topics outside the taxonomy as an ingest sees them, so a new topic is listed, and its feed
    /// served, from its first article on. A topic keeps the first spelling seen; spellings seen in the same second
    /// (uploads that race) resolve to the ordinally smallest, whichever lands first. Each process remembers what it
    /// recorded or read, so an ingest writes only for a topic it has not seen before.
    /// </summary>
    public async Task RecordSpellingsAsync(IReadOnlyList<TopicSpelling> spellings, DateTimeOffset seenAt, CancellationToken cancellationToken)
    {
        var second = TruncateToSeconds(seenAt);
        foreach (var spelling in spellings)
        {
            if (!_spellings.TryGetValue(spelling.TopicId, out var known) || Environment.TickCount64 - known.RememberedAt > SpellingMemoryMilliseconds || Precedes(second, spelling.Name, known.SeenAt, known.Name))
            {
                await RecordSpellingAsync(spelling, second, cancellationToken);
            }
        }
    }

    private async Task RecordSpellingAsync(TopicSpelling spelling, DateTimeOffset seenAt, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxSpellingAttempts; attempt++)
        {
            var stored = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, spelling.TopicId, cancellationToken: cancellationToken);
            try
            {
                if (stored.HasValue && stored.Value is { } entity)
                {
                    var storedAt = entity.GetDateTimeOffset("NameSeenAt");
                    var storedName = entity.GetString("Name");
                    if (storedName is not null && !Precedes(seenAt, spelling.Name, storedAt, storedName))
                    {
                        _spellings[spelling.TopicId] = (storedAt, storedName, Environment.TickCount64);
                        return;
                    }

                    var update = new TableEntity(Partition, spelling.TopicId) { ["Name"] = spelling.Name, ["NameSeenAt"] = seenAt };
                    await _table.UpdateEntityAsync(update, entity.ETag, TableUpdateMode.Merge, cancellationToken);
                }
                else
                {
                    await _table.AddEntityAsync(
                        new TableEntity(Partition, spelling.TopicId) { ["Name"] = spelling.Name, ["NameSeenAt"] = seenAt, ["Articles"] = 0, ["TopBaseHeat"] = 0d },
                        cancellationToken);
                }

                _spellings[spelling.TopicId] = (seenAt, spelling.Name, Environment.TickCount64);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another ingest (or a run) wrote the row between the read and the write: read it again.
            }
        }
    }

    /// <summary>Whether a spelling seen at <paramref name="seenAt"/> goes before the stored one (none recorded, as in rows older than names, counts as later).</summary>
    private static bool Precedes(DateTimeOffset seenAt, string name, DateTimeOffset? storedAt, string storedName) =>
        storedAt is not { } at || seenAt < at || (seenAt == at && string.CompareOrdinal(name, storedName) < 0);

    private static bool SameCounts(TopicStats a, TopicStats b) =>
        a.ParentId == b.ParentId && a.Articles == b.Articles && a.TopBaseHeat.Equals(b.TopBaseHeat) && a.TopPublished == b.TopPublished;

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    public async Task<IndexCheckpoint> ReadCheckpointAsync(CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(CheckpointPartition, CheckpointRow, cancellationToken: cancellationToken);
        if (!response.HasValue || response.Value is not { } entity)
        {
            return new IndexCheckpoint(null, null, null, default);
        }

        return new IndexCheckpoint(entity.GetString("Fingerprint"), entity.GetDateTimeOffset("RecordedAt"), entity.GetDateTimeOffset("SweptAt"), entity.ETag);
    }

    /// <summary>Clears the checkpoint: the index is about to change, or just did.</summary>
    public async Task ClearCheckpointAsync(CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(new TableEntity(CheckpointPartition, CheckpointRow) { ["Fingerprint"] = null }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>
    /// Clears the checkpoint if the row is still as <paramref name="readAtStart"/>; returns the cleared row's ETag, or
    /// null when another run changed the row since (the caller then cannot record a checkpoint at its end).
    /// </summary>
    public async Task<ETag?> TryClearCheckpointAsync(IndexCheckpoint readAtStart, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(CheckpointPartition, CheckpointRow) { ["Fingerprint"] = null };
        try
        {
            var response = readAtStart.ETag == default
                ? await _table.AddEntityAsync(entity, cancellationToken)
                : await _table.UpdateEntityAsync(entity, readAtStart.ETag, TableUpdateMode.Replace, cancellationToken);
            return response.Headers.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            return null;
        }
    }

    /// <summary>Records a known index, unless the row changed since it had <paramref name="ifMatch"/> (default: it must not exist); returns whether it did.</summary>
    public async Task<bool> TryRecordCheckpointAsync(string fingerprint, DateTimeOffset sweptAt, DateTimeOffset recordedAt, ETag ifMatch, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(CheckpointPartition, CheckpointRow) { ["Fingerprint"] = fingerprint, ["SweptAt"] = sweptAt, ["RecordedAt"] = recordedAt };
        try
        {
            if (ifMatch == default)
            {
                await _table.AddEntityAsync(entity, cancellationToken);
            }
            else
            {
                await _table.UpdateEntityAsync(entity, ifMatch, TableUpdateMode.Replace, cancellationToken);
            }

            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            return false;
        }
    }

    private static TopicStats Read(TableEntity entity) => new(
        entity.RowKey,
        entity.GetString("Name") ?? entity.RowKey,
        entity.GetString("ParentId"),
        entity.GetInt32("Articles") ?? 0,
        entity.GetDouble("TopBaseHeat") ?? 0,
        entity.GetDateTimeOffset("TopPublished"))
    {
        NameSeenAt = entity.GetDateTimeOffset("NameSeenAt"),
    };
}
