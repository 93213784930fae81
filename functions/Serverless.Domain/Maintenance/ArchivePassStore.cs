using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Serverless.Domain.Storage;

namespace Serverless.Domain.Maintenance;

/// <summary>
/// The Maintenance table: one row per archive pass (PartitionKey "archive-pass", RowKey = the step's name) with its
/// cursor, so a pass resumes where the last run stopped, in any process, after any restart.
/// </summary>
public sealed class ArchivePassStore : IStorageSchema
{
    private const string Partition = "archive-pass";
    private readonly TableClient _table;

    public ArchivePassStore(TableServiceClient tables, IOptions<StorageOptions> options)
    {
        _table = tables.GetTableClient(options.Value.MaintenanceTable);
    }

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) => await _table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>The cursor of the step's pass, or null when it never ran.</summary>
    public async Task<ArchivePassCursor?> ReadAsync(string step, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, step, cancellationToken: cancellationToken);
        if (!response.HasValue || response.Value is not { } entity)
        {
            return null;
        }

        return new ArchivePassCursor(
            step,
            entity.GetInt32("Shard") ?? 0,
            entity.GetString("AfterId"),
            entity.GetInt64("Read") ?? 0,
            entity.GetInt64("Changed") ?? 0,
            entity.GetDateTimeOffset("StartedAt") ?? default,
            entity.GetDateTimeOffset("FinishedAt"));
    }

    /// <summary>
    /// Records how far the pass went. Two overlapping runs may record out of order; the steps are idempotent, so the
    /// cost is a batch applied again.
    /// </summary>
    public async Task WriteAsync(ArchivePassCursor cursor, CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(
            new TableEntity(Partition, cursor.Step)
            {
                ["Shard"] = cursor.Shard,
                ["AfterId"] = cursor.AfterId,
                ["Read"] = cursor.Read,
                ["Changed"] = cursor.Changed,
                ["StartedAt"] = cursor.StartedAt,
                ["FinishedAt"] = cursor.FinishedAt,
            },
            TableUpdateMode.Replace,
            cancellationToken);
}
