using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Domain.Articles;
using Serverless.Domain.Parsing;
using Serverless.Domain.Storage;
using Serverless.Domain.Storage.Tables;

namespace Serverless.Domain.Ingestion;

/// <summary>
/// One row per uploaded blob in the IngestStatus table: RowKey = hash of the blob name (names may hold '/', which keys
/// forbid), all in one partition, so that the status writes of all concurrent ingests share transactions
/// (<see cref="GroupCommitWriter"/>): measured on Azurite, four partitions left most transactions carrying one row and
/// the ingest 20 % slower. Azure serves up to 2,000 entities/s per partition, far above a newsroom's upload rate. The row remembers the blob's ETag, so a later upload under the same
/// name reads as pending until it has been processed.
/// </summary>
public sealed class IngestStatusStore : IStorageSchema, IAsyncDisposable
{
    private const string Partition = "status";
    private readonly TableClient _table;
    private readonly GroupCommitWriter _writer;

    public IngestStatusStore(TableServiceClient tables, IOptions<StorageOptions> options, ILogger<IngestStatusStore>? logger = null)
    {
        _table = tables.GetTableClient(options.Value.IngestStatusTable);
        _writer = new GroupCommitWriter(_table, logger);
    }

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) => await _table.CreateIfNotExistsAsync(cancellationToken);

    public Task SetIngestedAsync(string blobName, string? blobETag, string articleId, DateTimeOffset at, CancellationToken cancellationToken) =>
        WriteAsync(Entity(blobName, blobETag, IngestState.Ingested, at, articleId, error: null), cancellationToken);

    public Task SetRejectedAsync(string blobName, string? blobETag, ArticleParseError error, DateTimeOffset at, CancellationToken cancellationToken) =>
        WriteAsync(Entity(blobName, blobETag, IngestState.Rejected, at, articleId: null, error), cancellationToken);

    /// <summary>The recorded outcome for a blob and the blob version it applies to; null when none is recorded.</summary>
    public async Task<(IngestStatus Status, string? BlobETag)?> GetAsync(string blobName, CancellationToken cancellationToken)
    {
        var key = Key(blobName);
        await _writer.WhenWrittenAsync(Partition, key, cancellationToken);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, key, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity ? Read(entity, blobName) : null;
    }

    /// <summary>Every recorded outcome with the blob version it applies to, page by page.</summary>
    public async IAsyncEnumerable<(IngestStatus Status, string? BlobETag)> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entity in _table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
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
            entity.GetDateTimeOffset("UpdatedAt"));
        return (status, entity.GetString("BlobETag"));
    }

    internal static string Key(string blobName) => ArticleIdentity.Hash("blob:" + blobName);

    private static TableEntity Entity(string blobName, string? blobETag, IngestState state, DateTimeOffset at, string? articleId, ArticleParseError? error) =>
        new(Partition, Key(blobName))
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

    // Written behind (see GroupCommitWriter.WriteBehind): a status lost to a crash reads as pending, and the recovery
    // timer ingests that blob again, which records it.
    private Task WriteAsync(TableEntity entity, CancellationToken cancellationToken) =>
        _writer.WriteBehind(entity.PartitionKey, [new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity)], cancellationToken);
}
