using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Serverless.Domain.Storage;
using Serverless.Domain.Withdrawals;

namespace Serverless.Domain.Stores;

/// <summary>
/// The Audit table: every takedown, restore and retraction, newest first, once in the partition of all entries
/// ("all") and once in the article's own ("a{article id}"), so both "what happened lately" and "what happened to this
/// article" are one range read. Row keys are the inverted time, then the article and action, so equal times never
/// collide and the order is stable.
/// </summary>
public sealed class AuditStore : IStorageSchema
{
    private const string AllPartition = "all";
    private readonly TableClient _table;

    public AuditStore(TableServiceClient tables, IOptions<StorageOptions> options)
    {
        _table = tables.GetTableClient(options.Value.AuditTable);
    }

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) => await _table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>Records an entry; recording the same entry again (a retried retraction) leaves one row.</summary>
    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        var key = KeyOf(entry);
        foreach (var partition in new[] { ArticlePartition(entry.ArticleId), AllPartition })
        {
            var entity = new TableEntity(partition, key)
            {
                ["ArticleId"] = entry.ArticleId,
                ["Action"] = entry.Action.ToString(),
                ["Reason"] = entry.Reason is { Length: > ArticleEntityCodec.MaxReasonChars } reason ? reason[..ArticleEntityCodec.MaxReasonChars] : entry.Reason,
                ["Source"] = entry.Source.ToString(),
                ["Blob"] = entry.Blob,
                ["At"] = entry.At,
            };
            await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        }
    }

    /// <summary>
    /// Up to <paramref name="limit"/> entries, newest first, of one article or (null) of all, after the row key
    /// <paramref name="after"/> (null: from the newest).
    /// </summary>
    public async Task<AuditPage> ReadAsync(string? articleId, string? after, int limit, CancellationToken cancellationToken)
    {
        var partition = articleId is null ? AllPartition : ArticlePartition(articleId);
        var filter = after is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {after}");
        var entries = new List<AuditEntry>();
        await foreach (var page in _table.QueryAsync<TableEntity>(filter, maxPerPage: limit + 1, cancellationToken: cancellationToken).AsPages())
        {
            foreach (var entity in page.Values)
            {
                if (entries.Count == limit)
                {
                    return new AuditPage(entries, KeyOf(entries[^1]));
                }

                entries.Add(ToEntry(entity));
            }

            if (page.ContinuationToken is null)
            {
                break;
            }
        }

        return new AuditPage(entries, null);
    }

    private static string ArticlePartition(string articleId) => "a" + articleId;

    private static string KeyOf(AuditEntry entry) =>
        string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.MaxValue.UtcTicks - entry.At.UtcTicks:D19}_{entry.ArticleId}_{entry.Action}");

    private static AuditEntry ToEntry(TableEntity entity) => new(
        entity.GetString("ArticleId") ?? string.Empty,
        Enum.TryParse<AuditAction>(entity.GetString("Action"), out var action) ? action : AuditAction.Retraction,
        entity.GetString("Reason"),
        Enum.TryParse<AuditSource>(entity.GetString("Source"), out var source) ? source : AuditSource.Editor,
        entity.GetString("Blob"),
        entity.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue);
}
