using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Domain.Parsing;
using Serverless.Domain.Storage;
using Serverless.Domain.Storage.Tables;

namespace Serverless.Domain.Ingestion;

/// <summary>
/// One row per uploaded blob in the IngestStatus table, all in one partition, so that the status writes of all
/// concurrent ingests share transactions (<see cref="GroupCommitWriter"/>): measured on Azurite, four partitions left
/// most transactions carrying one row and the ingest 20 % slower. Azure serves up to 2,000 entities/s per partition, far
/// above a newsroom's upload rate. RowKeys sort as blob names do (<see cref="IngestStatusKeys"/>), so the statuses of
/// one listing page are one range read; rows under the earlier hash keys are still read and are moved to the new keys
/// as they are met. The row remembers the blob's ETag, so a later upload under the same name reads as pending until it
/// has been processed. The recovery walk's cursor is a row of its own partition, which status reads never touch.
/// </summary>
public sealed partial class IngestStatusStore : IStorageSchema, IAsyncDisposable
{
    private const string Partition = "status";
    private const string CursorPartition = "cursor";

    /// <summary>Rows moved to their new keys per transaction: an insert and a delete each, within the 100-action limit.</summary>
    private const int MovesPerTransaction = TableTransactionSubmitter.MaxActions / 2;

    private static readonly string[] WalkColumns = ["BlobName", "BlobETag", "Status", "ArticleId", "UpdatedAt"];
    private readonly TableClient _table;
    private readonly GroupCommitWriter _writer;
    private readonly TableTransactionSubmitter _submitter;

    public IngestStatusStore(TableServiceClient tables, IOptions<StorageOptions> options, ILogger<IngestStatusStore>? logger = null)
    {
        _table = tables.GetTableClient(options.Value.IngestStatusTable);
        _writer = new GroupCommitWriter(_table, logger);
        _submitter = new TableTransactionSubmitter(_table);
    }

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) => await _table.CreateIfNotExistsAsync(cancellationToken);

    public Task SetIngestedAsync(string blobName, string? blobETag, string articleId, DateTimeOffset at, CancellationToken cancellationToken, IReadOnlyList<ArticleWarning>? warnings = null)
    {
        var entity = Entity(blobName, blobETag, IngestState.Ingested, at, articleId, error: null);
        if (warnings is { Count: > 0 })
        {
            entity["Warnings"] = WarningsColumn(warnings);
        }

        return WriteAsync(entity, cancellationToken);
    }

    public Task SetRejectedAsync(string blobName, string? blobETag, ArticleParseError error, DateTimeOffset at, CancellationToken cancellationToken) =>
        WriteAsync(Entity(blobName, blobETag, IngestState.Rejected, at, articleId: null, error), cancellationToken);

    /// <summary>
    /// Records what a deletion or a takedown made of an upload (retracted, deleted, suppressed), keeping the article it
    /// carried and saying why in <paramref name="detail"/>. Written at once, not behind: a reconcile that finds the
    /// row still ingested does the retraction again, so it is written last.
    /// </summary>
    public async Task SetWithdrawnAsync(string blobName, string? blobETag, IngestState state, string? articleId, string detail, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var entity = Entity(blobName, blobETag, state, at, articleId, error: null);
        entity["Detail"] = detail.Length > 2_000 ? detail[..2_000] : detail;
        await _writer.WhenWrittenAsync(Partition, entity.RowKey, cancellationToken);
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>
    /// The statuses of the blobs whose names sort after <paramref name="afterName"/> (null: from the first) and up to
    /// <paramref name="throughName"/> (null: to the last): one range read, for a walk that sets them beside one listing
    /// page of the container.
    /// </summary>
    public async Task<IReadOnlyList<(IngestStatus Status, string? BlobETag)>> ReadRangeAsync(string? afterName, string? throughName, CancellationToken cancellationToken)
    {
        var lower = afterName is null ? IngestStatusKeys.Prefix : IngestStatusKeys.For(afterName);
        var upper = throughName is null ? IngestStatusKeys.Prefix + "~" : IngestStatusKeys.For(throughName);
        var filter = afterName is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {lower} and RowKey le {upper}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey gt {lower} and RowKey le {upper}");
        var rows = new List<(IngestStatus, string?)>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, select: WalkColumns, cancellationToken: cancellationToken))
        {
            if (entity.GetString("BlobName") is { } name)
            {
                rows.Add(Read(entity, name));
            }
        }

        return rows;
    }

    /// <summary>
    /// The recorded outcome for a blob and the blob version it applies to; null when none is recorded. A row still
    /// under its earlier hash key is read too (and moved), unless <paramref name="includeLegacy"/> is false: an ingest
    /// asking what its name carried before spares the second read for every new name.
    /// </summary>
    public async Task<(IngestStatus Status, string? BlobETag)?> GetAsync(string blobName, CancellationToken cancellationToken, bool includeLegacy = true)
    {
        var key = IngestStatusKeys.For(blobName);
        await _writer.WhenWrittenAsync(Partition, key, cancellationToken);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, key, cancellationToken: cancellationToken);
        if (response.HasValue && response.Value is { } entity)
        {
            return Read(entity, blobName);
        }

        if (!includeLegacy)
        {
            return null;
        }

        // Recorded before keys sorted by name: answer from the old row and move it, so the migration finishes by itself.
        var legacy = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, IngestStatusKeys.Legacy(blobName), cancellationToken: cancellationToken);
        if (!legacy.HasValue || legacy.Value is not { } old)
        {
            return null;
        }

        await MoveAsync([old], cancellationToken);
        return Read(old, blobName);
    }

    /// <summary>
    /// Moves up to <paramref name="maxRows"/> rows still under the earlier hash keys to their new keys; returns how many
    /// it moved and whether none is left. A row already written under the new key since is newer and stays; the old
    /// one is dropped.
    /// </summary>
    public async Task<(int Moved, bool Finished)> MigrateLegacyKeysAsync(int maxRows, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey lt {IngestStatusKeys.LegacyUpperBound}");
        var moved = 0;
        await foreach (var page in _table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(1_000, maxRows), cancellationToken: cancellationToken).AsPages())
        {
            await MoveAsync(page.Values, cancellationToken);
            moved += page.Values.Count;
            if (moved >= maxRows)
            {
                return (moved, false);
            }
        }

        return (moved, true);
    }

    /// <summary>Where walk <paramref name="walk"/> over the container stands, or null before its first run.</summary>
    public async Task<RecoveryCursor?> GetRecoveryCursorAsync(string walk, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(CursorPartition, walk, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity
            ? new RecoveryCursor(
                entity.GetString("Marker"),
                entity.GetString("LastBlob"),
                entity.GetDateTimeOffset("PassStartedAt") ?? DateTimeOffset.MinValue,
                entity.GetInt64("PassBlobs") ?? 0,
                entity.GetInt64("PassesCompleted") ?? 0,
                entity.ETag.ToString())
            : null;
    }

    /// <summary>
    /// Stores the cursor if the stored one is still the version it was read as (none, for a cursor never stored);
    /// returns it with its new version, or null when another run moved the cursor meanwhile.
    /// </summary>
    public async Task<RecoveryCursor?> TrySaveRecoveryCursorAsync(string walk, RecoveryCursor cursor, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(CursorPartition, walk)
        {
            ["Marker"] = cursor.Marker,
            ["LastBlob"] = cursor.LastBlob,
            ["PassStartedAt"] = cursor.PassStartedAt,
            ["PassBlobs"] = cursor.PassBlobs,
            ["PassesCompleted"] = cursor.PassesCompleted,
        };
        try
        {
            var response = cursor.Version is { } version
                ? await _table.UpdateEntityAsync(entity, new ETag(version), TableUpdateMode.Replace, cancellationToken)
                : await _table.AddEntityAsync(entity, cancellationToken);
            return cursor with { Version = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return null;
        }
    }

    /// <summary>Every recorded outcome with the blob version it applies to, page by page.</summary>
    public async IAsyncEnumerable<(IngestStatus Status, string? BlobETag)> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (entity.GetString("BlobName") is { } name)
            {
                yield return Read(entity, name);
            }
        }
    }

    /// <summary>Whether two ETags name the same blob version, however they were quoted by the API that returned them.</summary>
    public static bool SameVersion(string? a, string? b) => Normalize(a) == Normalize(b);

    private static string? Normalize(string? etag) => etag?.Replace("W/", string.Empty, StringComparison.Ordinal).Trim('"');

    private static (IngestStatus Status, string? BlobETag) Read(TableEntity entity, string blobName)
    {
        ArticleParseError? error = entity.GetString("ErrorCode") is { } code
            ? new ArticleParseError(code, entity.GetString("Error") ?? string.Empty, entity.GetInt32("ErrorLine"), entity.GetInt32("ErrorColumn"))
            : null;
        var state = Enum.TryParse<IngestState>(entity.GetString("Status"), out var parsed) ? parsed : IngestState.Pending;
        var status = new IngestStatus(
            entity.GetString("BlobName") ?? blobName,
            state,
            entity.GetString("ArticleId"),
            error,
            entity.GetDateTimeOffset("UpdatedAt"),
            entity.GetString("Detail"))
        {
            Warnings = ParseWarnings(entity.GetString("Warnings")),
        };
        return (status, entity.GetString("BlobETag"));
    }

    private static TableEntity Entity(string blobName, string? blobETag, IngestState state, DateTimeOffset at, string? articleId, ArticleParseError? error) =>
        new(Partition, IngestStatusKeys.For(blobName))
        {
            ["BlobName"] = blobName,
            ["BlobETag"] = blobETag,
            ["Status"] = state.ToString(),
            ["ArticleId"] = articleId,
            ["ErrorCode"] = error?.Code,
            // A message quoting a hostile file could be long; the column stays under the 64 KiB string limit.
            ["Error"] = error?.Message is { Length: > 30_000 } message ? message[..30_000] : error?.Message,
            ["ErrorLine"] = error?.Line,
            ["ErrorColumn"] = error?.Column,
            ["UpdatedAt"] = at,
        };

    /// <summary>Completes when every status queued so far has been written (or given up on and logged).</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => _writer.FlushAsync(cancellationToken);

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    /// <summary>
    /// Rewrites legacy rows under their new keys: an insert that leaves a row already there alone (it is newer) and a
    /// delete of the legacy row as it was read. Failures are left for the next reader: the legacy row still answers.
    /// A row without a blob name cannot be keyed again and is only deleted (no reader could have found it).
    /// </summary>
    private async Task MoveAsync(IReadOnlyCollection<TableEntity> legacyRows, CancellationToken cancellationToken)
    {
        foreach (var chunk in legacyRows.Chunk(MovesPerTransaction))
        {
            var actions = new List<TableTransactionAction>(chunk.Length * 2);
            foreach (var legacy in chunk)
            {
                if (legacy.GetString("BlobName") is { } name)
                {
                    var moved = new TableEntity(Partition, IngestStatusKeys.For(name));
                    foreach (var (column, value) in legacy.Where(c => c.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")))
                    {
                        moved[column] = value;
                    }

                    actions.Add(new TableTransactionAction(TableTransactionActionType.Add, moved));
                }

                actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, legacy, legacy.ETag));
            }

            await _submitter.SubmitAsync(actions, cancellationToken);
        }
    }

    // Written behind (see GroupCommitWriter.WriteBehind): a status lost to a crash reads as pending, and the recovery
    // timer ingests that blob again, which records it.
    private Task WriteAsync(TableEntity entity, CancellationToken cancellationToken) =>
        _writer.WriteBehind(entity.PartitionKey, [new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity)], cancellationToken);
}
