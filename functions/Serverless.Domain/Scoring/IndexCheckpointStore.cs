using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Serverless.Domain.Storage;

namespace Serverless.Domain.Scoring;

/// <summary>
/// One row in the TopicStats table (PartitionKey "rescore", RowKey "index-checkpoint") that says: the topic index holds
/// exactly the rows that these article versions' scores imply (<see cref="IndexCheckpoint.Fingerprint"/>, the versions
/// the last run's snapshots hold), as established by a full sweep at <see cref="IndexCheckpoint.SweptAt"/> and kept
/// since by runs that wrote only what they knew to change. A writing run clears the row before its first write, with
/// If-Match on the row it read at its start, and at its end records over its own clearing (If-Match again): any other
/// run's clearing or recording in between makes that fail, and a run that lost the race clears the row after its last
/// write. So a checkpoint never survives a run that wrote without knowing of another.
/// </summary>
public sealed class IndexCheckpointStore
{
    private const string Partition = "rescore";
    private const string Row = "index-checkpoint";
    private readonly TableClient _table;

    public IndexCheckpointStore(TableServiceClient tables, IOptions<StorageOptions> options)
    {
        _table = tables.GetTableClient(options.Value.TopicStatsTable);
    }

    public async Task<IndexCheckpoint> ReadAsync(CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, Row, cancellationToken: cancellationToken);
        if (!response.HasValue || response.Value is not { } entity)
        {
            return new IndexCheckpoint(null, null, null, default);
        }

        return new IndexCheckpoint(entity.GetString("Fingerprint"), entity.GetDateTimeOffset("RecordedAt"), entity.GetDateTimeOffset("SweptAt"), entity.ETag);
    }

    /// <summary>Clears the checkpoint: the index is about to change, or just did.</summary>
    public async Task ClearAsync(CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(new TableEntity(Partition, Row) { ["Fingerprint"] = null }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>
    /// Clears the checkpoint if the row is still as <paramref name="readAtStart"/>; returns the cleared row's ETag, or
    /// null when another run changed the row since (the caller then cannot record a checkpoint at its end).
    /// </summary>
    public async Task<ETag?> TryClearAsync(IndexCheckpoint readAtStart, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition, Row) { ["Fingerprint"] = null };
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
    public async Task<bool> TryRecordAsync(string fingerprint, DateTimeOffset sweptAt, DateTimeOffset recordedAt, ETag ifMatch, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition, Row) { ["Fingerprint"] = fingerprint, ["SweptAt"] = sweptAt, ["RecordedAt"] = recordedAt };
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
}
