using System.Collections.Concurrent;
using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Serverless.Domain.Scoring;
using Serverless.Domain.Storage;
using Serverless.Domain.Storage.Tables;

namespace Serverless.Domain.Stores;

/// <summary>
/// The Stories table: the stories the rescoring runs keep, and the lookups that find them without reading the archive.
/// <list type="bullet">
/// <item>Node rows (PartitionKey <c>n{first two hex digits}</c>, RowKey the id): which story an article or a URL
/// known from related lists is in. A new article finds the stories it joins by URL with point reads.</item>
/// <item>Story partitions (PartitionKey <c>s{story id}</c>): the head row (RowKey <c>h</c>, <see cref="StoryHead"/>),
/// a row per member in page order (RowKey <c>m{place}{id}</c>, <see cref="StoryMemberEntry"/>, place by
/// <see cref="Rescoring.StoryMemberOrder"/>) and the same row again in newest-first order (RowKey <c>r{inverted
/// date}{id}</c>) for the story's feeds: a page of either is one range read, and a run reads the <c>h</c> and
/// <c>m</c> rows only.</item>
/// <item>Listing rows (PartitionKey <c>t{topic id}</c>, RowKey <c>{inverted rank}_{story id}</c>): the stories of a
/// topic, hottest first, each with its head's columns, so the front page reads a topic's top stories in one range read
/// however many articles a story has.</item>
/// <item>Day rows (PartitionKey <c>d{yyyyMMdd}</c> of publication, RowKey the article id): the articles published that
/// day, with what text joins compare, so the articles within the window of a date are a few partition reads.</item>
/// </list>
/// </summary>
public sealed partial class StoryStore : IStorageSchema
{
    private const int Concurrency = 8;
    private const string HeadRow = "h";
    private const string MemberPrefix = "m";
    private const string MemberEnd = "n";
    private const string RecentPrefix = "r";
    private const string RecentEnd = "s";
    private readonly TableClient _table;
    private readonly TableTransactionSubmitter _submitter;

    public StoryStore(TableServiceClient tables, IOptions<StorageOptions> options)
    {
        _table = tables.GetTableClient(options.Value.StoriesTable);
        _submitter = new TableTransactionSubmitter(_table, Concurrency);
    }

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) => await _table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>The story each of the ids is in, for those in one (point reads, several at a time).</summary>
    public async Task<Dictionary<UInt128, string>> FindStoriesAsync(IEnumerable<UInt128> ids, CancellationToken cancellationToken)
    {
        var found = new ConcurrentDictionary<UInt128, string>();
        await Parallel.ForEachAsync(ids.Distinct(), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            var key = StoryIds.Format(id);
            var row = await _table.GetEntityIfExistsAsync<TableEntity>(NodePartition(key), key, ["StoryId"], ct);
            if (row.HasValue && row.Value!.GetString("StoryId") is { } storyId)
            {
                found[id] = storyId;
            }
        });
        return new Dictionary<UInt128, string>(found);
    }

    /// <summary>The heads of those of the stories that have one (point reads).</summary>
    public async Task<Dictionary<string, StoryHead>> ReadHeadsAsync(IEnumerable<string> storyIds, CancellationToken cancellationToken)
    {
        var found = new ConcurrentDictionary<string, StoryHead>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(storyIds.Distinct(StringComparer.Ordinal), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            var row = await _table.GetEntityIfExistsAsync<TableEntity>(StoryPartition(id), HeadRow, cancellationToken: ct);
            if (row.HasValue && row.Value is { } entity)
            {
                found[id] = StoryRowCodec.ReadHead(id, entity);
            }
        });
        return new Dictionary<string, StoryHead>(found, StringComparer.Ordinal);
    }

    /// <summary>
    /// A story's head (null when it has none) and every member row: one partition range read of the <c>h</c> and
    /// <c>m</c> rows. A member a run died moving within the story can have two rows; both are listed.
    /// </summary>
    public async Task<(StoryHead? Head, List<StoryMemberEntry> Members)> ReadStoryAsync(string storyId, CancellationToken cancellationToken)
    {
        StoryHead? head = null;
        var members = new List<StoryMemberEntry>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {StoryPartition(storyId)} and RowKey ge {HeadRow} and RowKey lt {MemberEnd}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (entity.RowKey == HeadRow)
            {
                head = StoryRowCodec.ReadHead(storyId, entity);
            }
            else
            {
                members.Add(StoryRowCodec.ReadMember(entity));
            }
        }

        return (head, members);
    }

    /// <summary>The articles published on one day (UTC), as the day lookup holds them: one partition range read.</summary>
    public async Task<List<StoryDayEntry>> ReadDayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var entries = new List<StoryDayEntry>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {DayPartition(day)}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var record = ScoringRecordColumns.Read(entity);
            entries.Add(new StoryDayEntry(record, entity.GetString("Story") ?? record.Id));
        }

        return entries;
    }

    /// <summary>Writes member rows into their story's partition, in page order and in newest-first order.</summary>
    public Task WriteMembersAsync(IEnumerable<(string StoryId, StoryMemberEntry Member)> members, CancellationToken cancellationToken) =>
        SubmitAsync(
            members.SelectMany(m => new[]
            {
                Upsert(StoryRowCodec.Member(StoryPartition(m.StoryId), MemberRowKey(m.Member), m.Member)),
                Upsert(StoryRowCodec.Member(StoryPartition(m.StoryId), RecentRowKey(m.Member), m.Member)),
            }),
            cancellationToken);

    /// <summary>Deletes rows of story partitions by key (<see cref="MemberRowKey"/>, <see cref="RecentRowKey"/>); a row already gone counts as deleted.</summary>
    public Task DeleteMemberRowsAsync(IEnumerable<(string StoryId, string RowKey)> rows, CancellationToken cancellationToken) =>
        SubmitAsync(rows.Select(r => Delete(StoryPartition(r.StoryId), r.RowKey)), cancellationToken);

    public Task WriteHeadsAsync(IEnumerable<StoryHead> heads, CancellationToken cancellationToken) =>
        SubmitAsync(heads.Select(h => Upsert(StoryRowCodec.Head(StoryPartition(h.StoryId), HeadRow, h))), cancellationToken);

    /// <summary>Points ids at their story.</summary>
    public Task WriteNodesAsync(IEnumerable<(UInt128 Id, string StoryId)> nodes, CancellationToken cancellationToken) =>
        SubmitAsync(nodes.Select(n => Upsert(new TableEntity(NodePartition(StoryIds.Format(n.Id)), StoryIds.Format(n.Id)) { ["StoryId"] = n.StoryId })), cancellationToken);

    public Task DeleteNodesAsync(IEnumerable<UInt128> ids, CancellationToken cancellationToken) =>
        SubmitAsync(ids.Select(id => Delete(NodePartition(StoryIds.Format(id)), StoryIds.Format(id))), cancellationToken);

    /// <summary>Writes day rows: what text joins compare of each article, and its story (scores stay with the members, but for undated ones).</summary>
    public Task WriteDaysAsync(IEnumerable<StoryDayEntry> entries, CancellationToken cancellationToken) =>
        SubmitAsync(entries.Select(e =>
        {
            var entity = new TableEntity(DayPartition(DayOf(e.Record)), e.Record.Id);
            ScoringRecordColumns.Write(entity, IsUndated(e.Record) ? e.Record : e.Record with { Score = null });
            entity["Story"] = e.StoryId;
            return Upsert(entity);
        }), cancellationToken);

    public Task DeleteDaysAsync(IEnumerable<(DateOnly Day, string ArticleId)> rows, CancellationToken cancellationToken) =>
        SubmitAsync(rows.Select(r => Delete(DayPartition(r.Day), r.ArticleId)), cancellationToken);

    /// <summary>Whether two member rows would be stored the same: a run rewrites only the members that changed.</summary>
    public static bool SameMember(StoryMemberEntry a, StoryMemberEntry b) => StoryRowCodec.SameMember(a, b);

    /// <summary>The key of a member's row in page order.</summary>
    public static string MemberRowKey(StoryMemberEntry member) => $"{MemberPrefix}{member.Order}{StoryIds.Format(member.Id)}";

    /// <summary>The key of a member's row in newest-first order.</summary>
    public static string RecentRowKey(StoryMemberEntry member) => $"{RecentPrefix}{Rescoring.StoryMemberOrder.RecentKey(member)}{StoryIds.Format(member.Id)}";

    /// <summary>
    /// The day an article's day row is filed under: its publication day, or for an article text joins treat as undated
    /// (plain text, no date) the day it was ingested, so the dated articles that follow it within the window meet it.
    /// </summary>
    public static DateOnly DayOf(ScoringRecord record) =>
        DateOnly.FromDateTime(IsUndated(record) ? record.Published.UtcDateTime : new DateTime(record.Member.PublishedTicks!.Value, DateTimeKind.Utc));

    /// <summary>Whether text joins treat the article as undated (its day row then keeps its score: whether it is alone).</summary>
    public static bool IsUndated(ScoringRecord record) => !StoryClusterer.IsDated(record.Member);

    private async Task SubmitAsync(IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken) =>
        TableActionOutcome.ThrowIfAnyFailed(await _submitter.SubmitAsync([.. actions], cancellationToken));

    private static TableTransactionAction Upsert(TableEntity entity) => new(TableTransactionActionType.UpsertReplace, entity);

    private static TableTransactionAction Delete(string partition, string row) => new(TableTransactionActionType.Delete, new TableEntity(partition, row), Azure.ETag.All);

    private static string NodePartition(string id) => $"n{id[..2]}";

    private static string StoryPartition(string storyId) => $"s{storyId}";

    private static string DayPartition(DateOnly day) => $"d{day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";
}
