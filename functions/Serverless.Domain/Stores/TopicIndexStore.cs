using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serverless.Domain.Articles;
using Serverless.Domain.Scoring;
using Serverless.Domain.Storage;
using Serverless.Domain.Storage.Tables;

namespace Serverless.Domain.Stores;

/// <summary>
/// The TopicIndex table: one partition per topic (PartitionKey = topic id), one row per published article, keyed
/// <c>{inverted rank}_{article id}</c> so that a partition lists hottest first and a feed page is one ordered range
/// read. Rows carry what a feed item shows, so serving a feed never touches the Articles table.
/// </summary>
public sealed partial class TopicIndexStore : IStorageSchema, IAsyncDisposable
{
    private const int Concurrency = 8;
    private readonly TableClient _table;
    private readonly GroupCommitWriter _writer;
    private readonly TableTransactionSubmitter _submitter;
    private readonly HeatScorer _scorer;
    private readonly ILogger<TopicIndexStore> _logger;

    public TopicIndexStore(TableServiceClient tables, HeatScorer scorer, IOptions<StorageOptions> options, ILogger<TopicIndexStore>? logger = null)
    {
        _table = tables.GetTableClient(options.Value.TopicIndexTable);
        _logger = logger ?? NullLogger<TopicIndexStore>.Instance;
        // A queued write that is lost is repaired by the next rescoring run: the ingest wrote its journal entry first.
        _writer = new GroupCommitWriter(_table, logger);
        _scorer = scorer;
        _submitter = new TableTransactionSubmitter(_table, Concurrency);
    }

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) => await _table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>The rows a scored article should have: one per topic when published, none otherwise.</summary>
    public IReadOnlyList<TopicIndexRow> RowsFor(string articleId, ArticleScore? score, DateTimeOffset published)
    {
        if (score is not { Published: true })
        {
            return [];
        }

        var rowKey = $"{HeatScorer.RankKey(_scorer.RankOf(score.BaseHeat, score.RankedAtOr(published)))}_{articleId}";
        return score.TopicIds.Select(topic => new TopicIndexRow(topic, rowKey)).ToList();
    }

    private static TableEntity ToEntity(TopicIndexRow row, ArticleSummary summary)
    {
        var score = summary.Score!;
        return new TableEntity(row.TopicId, row.RowKey)
        {
            ["ArticleId"] = summary.Id,
            ["Title"] = summary.Title,
            ["Excerpt"] = summary.Excerpt,
            ["Url"] = summary.Url,
            ["PublishedDateTime"] = summary.EffectivePublished,
            ["RankedAt"] = score.RankedAtOr(summary.EffectivePublished),
            ["ProviderName"] = summary.ProviderName,
            ["ProviderDomain"] = summary.ProviderDomain,
            ["ImageUrl"] = summary.ImageUrl,
            ["BaseHeat"] = score.BaseHeat,
            ["Topics"] = string.Join(' ', score.TopicIds),
            ["StoryId"] = score.StoryId,
            ["StorySize"] = score.StorySize,
        };
    }

    /// <summary>
    /// Moves an article's rows from <paramref name="previous"/> to <paramref name="current"/>, written behind (see
    /// <see cref="GroupCommitWriter.WriteBehind"/>): rows lost to a crash are rewritten by the next rescoring run.
    /// Returns rows written and deleted.
    /// </summary>
    public async Task<(int Written, int Deleted)> ReplaceAsync(
        IReadOnlyList<TopicIndexRow> previous, IReadOnlyList<TopicIndexRow> current, ArticleSummary summary, CancellationToken cancellationToken)
    {
        var stale = previous.Except(current).ToList();
        var upserts = current.Select(row => (row.TopicId, Action: new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(row, summary))));
        var deletes = stale.Select(row => (row.TopicId, Action: new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(row.TopicId, row.RowKey), ETag.All)));

        // Ingests run side by side and most share a few topics: their rows go out together (group commit).
        await Task.WhenAll(upserts.Concat(deletes)
            .GroupBy(a => a.TopicId, StringComparer.Ordinal)
            .Select(partition => _writer.WriteBehind(partition.Key, partition.Select(a => a.Action).ToList(), cancellationToken)));
        return (current.Count, stale.Count);
    }

    /// <summary>Completes when this process's queued writes to a topic's partition are made: a feed read sees them.</summary>
    public Task WhenWrittenAsync(string topicId, CancellationToken cancellationToken) => _writer.WhenWrittenAsync(topicId, rowKey: null, cancellationToken);

    /// <summary>Completes when every index row queued so far has been written (or given up on and logged).</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => _writer.FlushAsync(cancellationToken);

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    /// <summary>Writes the rows (each with the summary it shows), several transactions at a time; throws on the first row refused.</summary>
    public Task UpsertRowsAsync(IEnumerable<(TopicIndexRow Row, ArticleSummary Summary)> rows, CancellationToken cancellationToken) =>
        SubmitAsync(rows.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(r.Row, r.Summary))), cancellationToken);

    /// <summary>
    /// Rewrites those of the rows that exist (each with the summary it shows) and leaves missing ones missing, so a row
    /// an ingest moved meanwhile is not brought back; throws on any other refusal.
    /// </summary>
    public async Task UpdateExistingRowsAsync(IEnumerable<(TopicIndexRow Row, ArticleSummary Summary)> rows, CancellationToken cancellationToken)
    {
        var actions = rows.Select(r => new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(r.Row, r.Summary), ETag.All)).ToList();
        var outcomes = await _submitter.SubmitAsync(actions, cancellationToken);
        TableActionOutcome.ThrowIfAnyFailed(outcomes.Where(o => o.FailedStatus != 404));
    }

    /// <summary>Deletes the rows (a row already gone counts as deleted), several transactions at a time.</summary>
    public Task DeleteRowsAsync(IEnumerable<TopicIndexRow> rows, CancellationToken cancellationToken) =>
        SubmitAsync(rows.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(row.TopicId, row.RowKey), ETag.All)), cancellationToken);

    private async Task SubmitAsync(IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken) =>
        TableActionOutcome.ThrowIfAnyFailed(await _submitter.SubmitAsync(actions.ToList(), cancellationToken));

    /// <summary>
    /// Up to <paramref name="limit"/> rows of one topic's partition with row keys after <paramref name="after"/> (none:
    /// from the hottest) and before <paramref name="before"/>, hottest first, and whether more rows follow: one
    /// ordered range read, every value a parameter of <see cref="TableClient.CreateQueryFilter(FormattableString)"/>.
    /// </summary>
    public async Task<(IReadOnlyList<TopicIndexEntry> Rows, bool More)> ReadPageAsync(
        string topicId, string? after, string before, int limit, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {topicId} and RowKey gt {after ?? string.Empty} and RowKey lt {before}");
        var rows = new List<TopicIndexEntry>(limit + 1);
        await foreach (var page in _table.QueryAsync<TableEntity>(filter, maxPerPage: limit + 1, cancellationToken: cancellationToken).AsPages())
        {
            rows.AddRange(page.Values.Select(e => new TopicIndexEntry(
                e.RowKey,
                e.GetString("ArticleId") ?? TopicIndexRow.ArticleIdOf(e.RowKey),
                e.GetString("Title") ?? string.Empty,
                e.GetString("Excerpt"),
                e.GetString("Url"),
                e.GetDateTimeOffset("PublishedDateTime"),
                e.GetString("ProviderName"),
                e.GetString("ProviderDomain"),
                e.GetString("ImageUrl"),
                e.GetDouble("BaseHeat") ?? 0,
                (e.GetString("Topics") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries),
                e.GetString("StoryId") ?? string.Empty,
                e.GetInt32("StorySize") ?? 1)
            {
                RankedAt = e.GetDateTimeOffset("RankedAt"),
            }));
            if (rows.Count > limit || page.ContinuationToken is null)
            {
                break;
            }
        }

        return rows.Count > limit ? (rows.GetRange(0, limit), true) : (rows, false);
    }
}
