using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Serverless.Domain.Storage;
using Serverless.Domain.Storage.Tables;

namespace Serverless.Domain.Stores;

/// <summary>
/// The TopicStats table: one row per topic (PartitionKey "topic", RowKey = topic id), written by rescoring, and the
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
    private readonly TableClient _table;
    private readonly TableTransactionSubmitter _submitter;

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
            result[entity.RowKey] = Read(entity);
        }

        return result;
    }

    public async Task<int> WriteChangedAsync(IReadOnlyDictionary<string, TopicStats> current, IReadOnlyDictionary<string, TopicStats> previous, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>();
        foreach (var stats in current.Values.Where(s => !previous.TryGetValue(s.TopicId, out var old) || old != s))
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(Partition, stats.TopicId)
            {
                ["Name"] = stats.Name,
                ["ParentId"] = stats.ParentId,
                ["Articles"] = stats.Articles,
                ["TopBaseHeat"] = stats.TopBaseHeat,
                ["TopPublished"] = stats.TopPublished,
            }));
        }

        foreach (var gone in previous.Keys.Where(id => !current.ContainsKey(id)))
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(Partition, gone), ETag.All));
        }

        TableActionOutcome.ThrowIfAnyFailed(await _submitter.SubmitAsync(actions, cancellationToken));
        return actions.Count;
    }

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
        entity.GetDateTimeOffset("TopPublished"));
}
