using System.Globalization;
using System.IO.Hashing;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Serverless.Domain.Storage;
using Serverless.Domain.Storage.Tables;

namespace Serverless.Domain.Stores;

/// <summary>
/// The Changes table: the articles changed since the last rescoring run, recorded where the change happens, and the
/// lease that lets one run at a time work on them.
/// <list type="bullet">
/// <item>Journal entries (PartitionKey "pending", RowKey <c>{yyyyMMdd}_{article id}_{replaced version hash}</c>):
/// an ingest writes one before it writes the article, so a crash after it leaves an entry for a change that may not
/// have happened (harmless) and never a change without one. Keys sort by publication day, so a run that takes the
/// journal in slices reads the articles published near each other together.</item>
/// <item>The lease (PartitionKey "lease", RowKey "rescore"): who runs, until when.</item>
/// <item>Set-aside entries (PartitionKey "pending", RowKey "~setaside_{key}", after every entry): entries runs failed on, kept apart (ChangeJournalStore.SetAside.cs).</item>
/// </list>
/// A run reads entries, and after its writes removes each one only if it is still the version it read: an ingest that
/// changed the article again meanwhile leaves its entry for the next run. Reading the journal is one partition range,
/// however large the archive: the work of a run follows the changes, never a scan of the Articles table.
/// </summary>
public sealed partial class ChangeJournalStore : IStorageSchema
{
    private const string Partition = "pending";

    // Journal keys begin with a date; everything from here on is not an entry (set-aside rows).
    private const string JournalEnd = "~";
    private const string LeasePartition = "lease";
    private const string LeaseRow = "rescore";
    private readonly TableClient _table;
    private readonly TableTransactionSubmitter _submitter;

    public ChangeJournalStore(TableServiceClient tables, IOptions<StorageOptions> options)
    {
        _table = tables.GetTableClient(options.Value.ChangesTable);
        _submitter = new TableTransactionSubmitter(_table, maxConcurrency: 4);
    }

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) => await _table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>
    /// Records that an article published at <paramref name="published"/> is about to change, replacing the version
    /// <paramref name="replacedVersion"/> (null: a new article) whose rows were <paramref name="staleRows"/>.
    /// </summary>
    public async Task RecordAsync(string articleId, DateTimeOffset published, string? replacedVersion, IReadOnlyList<TopicIndexRow> staleRows, CancellationToken cancellationToken)
    {
        await _table.UpsertEntityAsync(EntryOf(articleId, published, replacedVersion, staleRows), TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Records many changes at once (100 to a transaction): an archive pass, a bulk load.</summary>
    public async Task RecordAllAsync(IEnumerable<(string ArticleId, DateTimeOffset Published, string? ReplacedVersion, IReadOnlyList<TopicIndexRow> StaleRows)> changes, CancellationToken cancellationToken)
    {
        var actions = changes.Select(c => new TableTransactionAction(TableTransactionActionType.UpsertReplace, EntryOf(c.ArticleId, c.Published, c.ReplacedVersion, c.StaleRows))).ToList();
        TableActionOutcome.ThrowIfAnyFailed(await _submitter.SubmitAsync(actions, cancellationToken));
    }

    /// <summary>
    /// The first <paramref name="limit"/> entries after <paramref name="afterKey"/> (null: from the start), oldest
    /// publication day first, of those last written before <paramref name="writtenBefore"/> (storage time).
    /// </summary>
    public async Task<IReadOnlyList<ArticleChange>> ReadAsync(string? afterKey, int limit, DateTimeOffset writtenBefore, CancellationToken cancellationToken)
    {
        // Set-aside entries sort after every entry (~setaside_...): the range ends before them.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey gt {afterKey ?? string.Empty} and RowKey lt {JournalEnd} and Timestamp lt {writtenBefore}");
        var changes = new List<ArticleChange>(Math.Min(limit, 1000));
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(limit, 1000), cancellationToken: cancellationToken))
        {
            changes.Add(new ArticleChange(entity.RowKey, entity.GetString("ArticleId") ?? string.Empty, ParseRows(entity.GetString("Stale")), entity.ETag)
            {
                Attempts = entity.GetInt32("Attempts") ?? 0,
            });
            if (changes.Count == limit)
            {
                break;
            }
        }

        return changes;
    }

    /// <summary>Removes the entries a run has dealt with, each only if it is unchanged since read; returns how many went.</summary>
    public async Task<int> RemoveAsync(IEnumerable<ArticleChange> changes, CancellationToken cancellationToken)
    {
        var actions = changes.Select(c => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(Partition, c.Key), c.Version)).ToList();
        var outcomes = await _submitter.SubmitAsync(actions, cancellationToken);
        // 412: written again since it was read (the next run takes it); 404: gone already (another run).
        TableActionOutcome.ThrowIfAnyFailed(outcomes.Where(o => o.FailedStatus is not (404 or 412)));
        return outcomes.Count(o => o.Succeeded);
    }

    /// <summary>Takes the run lease for <paramref name="duration"/> unless another holder's is still running; returns its version, or null.</summary>
    public async Task<ETag?> TryTakeLeaseAsync(string holder, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
    {
        var stored = await _table.GetEntityIfExistsAsync<TableEntity>(LeasePartition, LeaseRow, cancellationToken: cancellationToken);
        var lease = new TableEntity(LeasePartition, LeaseRow) { ["Holder"] = holder, ["Until"] = now + duration };
        try
        {
            if (stored.HasValue && stored.Value is { } current)
            {
                if (current.GetDateTimeOffset("Until") > now && current.GetString("Holder") != holder)
                {
                    return null;
                }

                return (await _table.UpdateEntityAsync(lease, current.ETag, TableUpdateMode.Replace, cancellationToken)).Headers.ETag;
            }

            return (await _table.AddEntityAsync(lease, cancellationToken)).Headers.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Another run took it between the read and the write.
            return null;
        }
    }

    /// <summary>Extends a lease this holder has; throws when it was lost (it ran out and another run took it).</summary>
    public async Task<ETag> RenewLeaseAsync(string holder, ETag lease, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(LeasePartition, LeaseRow) { ["Holder"] = holder, ["Until"] = now + duration };
        try
        {
            return (await _table.UpdateEntityAsync(entity, lease, TableUpdateMode.Replace, cancellationToken)).Headers.ETag!.Value;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            throw new InvalidOperationException("The rescoring lease ran out and another run took it: this run stops, and that one carries on.", ex);
        }
    }

    /// <summary>Gives the lease back, so the next run need not wait for it to run out.</summary>
    public async Task ReleaseLeaseAsync(ETag lease, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(LeasePartition, LeaseRow, lease, cancellationToken);
        }
        catch (Exception ex) when (ex is RequestFailedException or AggregateException or TimeoutException or HttpRequestException)
        {
            // Gone, taken over, or storage is down (the run is failing already): it runs out by itself.
        }
    }

    /// <summary>How many entries wait, counted by listing their keys (for tests and the bench).</summary>
    public async Task<int> CountAsync(CancellationToken cancellationToken) =>
        await _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey lt {JournalEnd}"), select: ["RowKey"], cancellationToken: cancellationToken).CountAsync(cancellationToken);

    private static TableEntity EntryOf(string articleId, DateTimeOffset published, string? replacedVersion, IReadOnlyList<TopicIndexRow> staleRows) =>
        new(Partition, KeyOf(articleId, published, replacedVersion))
        {
            ["ArticleId"] = articleId,
            ["Stale"] = StaleColumn(staleRows),
        };

    private static string KeyOf(string articleId, DateTimeOffset published, string? replacedVersion)
    {
        var version = replacedVersion is null ? "new" : Convert.ToHexStringLower(BitConverter.GetBytes(XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(replacedVersion))));
        return $"{published.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}_{articleId}_{version}";
    }

    // One line a replaced row, topic then row key: what ParseRows reads back.
    private static string StaleColumn(IReadOnlyList<TopicIndexRow> staleRows) => string.Join('\n', staleRows.Select(r => $"{r.TopicId}\t{r.RowKey}"));

    private static List<TopicIndexRow> ParseRows(string? stale) =>
        string.IsNullOrEmpty(stale)
            ? []
            : [.. stale.Split('\n').Select(line => line.Split('\t')).Where(p => p.Length == 2).Select(p => new TopicIndexRow(p[0], p[1]))];
}
