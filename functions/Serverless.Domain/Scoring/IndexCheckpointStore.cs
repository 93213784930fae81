using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Serverless.Domain.Storage;

namespace Serverless.Domain.Scoring;

/// <summary>
/// One row in the TopicStats table (PartitionKey "rescore", RowKey "index-checkpoint") that says: a full sweep found the
/// topic index exactly as the scores of these article versions imply (<see cref="IndexCheckpoint.Fingerprint"/>).
/// A run that writes anything clears it before its first write and again after its last, so a checkpoint recorded
/// while another run wrote never survives: a verifying run records with the ETag it read at its start, and a writer's
/// clearing changes that ETag or erases what was recorded.
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
            return new IndexCheckpoint(null, null, default);
        }

        return new IndexCheckpoint(entity.GetString("Fingerprint"), entity.GetDateTimeOffset("RecordedAt"), entity.ETag);
    }

    /// <summary>Clears the checkpoint: the index is about to change, or just did.</summary>
    public async Task ClearAsync(CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(new TableEntity(Partition, Row) { ["Fingerprint"] = null }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>Records a verified index, unless the row changed since <paramref name="readAtStart"/>; returns whether it did.</summary>
    public async Task<bool> TryRecordAsync(string fingerprint, DateTimeOffset recordedAt, IndexCheckpoint readAtStart, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition, Row) { ["Fingerprint"] = fingerprint, ["RecordedAt"] = recordedAt };
        try
        {
            if (readAtStart.ETag == default)
            {
                await _table.AddEntityAsync(entity, cancellationToken);
            }
            else
            {
                await _table.UpdateEntityAsync(entity, readAtStart.ETag, TableUpdateMode.Replace, cancellationToken);
            }

            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            return false;
        }
    }
}
