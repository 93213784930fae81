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
/// <item>Story partitions (PartitionKey <c>s{story id}</c>): the head row (RowKey <c>h</c>, <see cref="StoryHead"/>)
/// and a row per member (RowKey <c>m{id}</c>, <see cref="StoryMemberEntry"/>): one range read gives a story page.</item>
/// <item>Day rows (PartitionKey <c>d{yyyyMMdd}</c> of publication, RowKey the article id): the articles published that
/// day, with what text joins compare, so the articles within the window of a date are a few partition reads.</item>
/// </list>
/// </summary>
public sealed class StoryStore : IStorageSchema
{
    private const int Concurrency = 8;
    private const string HeadRow = "h";
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
                found[id] = ReadHead(id, entity);
            }
        });
        return new Dictionary<string, StoryHead>(found, StringComparer.Ordinal);
    }

    /// <summary>A story's head (null when it has none) and every member: one partition range read.</summary>
    public async Task<(StoryHead? Head, List<StoryMemberEntry> Members)> ReadStoryAsync(string storyId, CancellationToken cancellationToken)
    {
        StoryHead? head = null;
        var members = new List<StoryMemberEntry>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {StoryPartition(storyId)}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (entity.RowKey == HeadRow)
            {
                head = ReadHead(storyId, entity);
            }
            else
            {
                members.Add(ReadMember(entity));
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

    /// <summary>Writes member rows into their story's partition.</summary>
    public Task WriteMembersAsync(IEnumerable<(string StoryId, StoryMemberEntry Member)> members, CancellationToken cancellationToken) =>
        SubmitAsync(members.Select(m => Upsert(ToEntity(m.StoryId, m.Member))), cancellationToken);

    /// <summary>Deletes member rows from a story's partition (a row already gone counts as deleted).</summary>
    public Task DeleteMembersAsync(IEnumerable<(string StoryId, UInt128 Id)> members, CancellationToken cancellationToken) =>
        SubmitAsync(members.Select(m => Delete(StoryPartition(m.StoryId), MemberRow(m.Id))), cancellationToken);

    public Task WriteHeadsAsync(IEnumerable<StoryHead> heads, CancellationToken cancellationToken) =>
        SubmitAsync(heads.Select(h => Upsert(ToEntity(h))), cancellationToken);

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
    public static bool SameMember(StoryMemberEntry a, StoryMemberEntry b)
    {
        var (x, y) = (ToEntity(string.Empty, a), ToEntity(string.Empty, b));
        return x.Count == y.Count && x.All(p => y.TryGetValue(p.Key, out var v) && Equals(p.Value, v));
    }

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

    private static string MemberRow(UInt128 id) => $"m{StoryIds.Format(id)}";

    private static string DayPartition(DateOnly day) => $"d{day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";

    private static TableEntity ToEntity(string storyId, StoryMemberEntry member)
    {
        var entity = new TableEntity(StoryPartition(storyId), MemberRow(member.Id))
        {
            ["Title"] = member.Title,
            ["Url"] = member.Url,
            ["ProviderName"] = member.ProviderName,
            ["ProviderDomain"] = member.ProviderDomain,
            ["PublishedDateTime"] = member.PublishedDateTime,
            ["ImageUrl"] = member.ImageUrl,
            ["ReasonKind"] = member.Reason?.Kind,
            ["ReasonVia"] = member.Reason?.Via,
            ["ReasonSimilarity"] = member.Reason?.Similarity,
        };
        if (member.Record is { } record)
        {
            ScoringRecordColumns.Write(entity, record);
        }

        return entity;
    }

    private static StoryMemberEntry ReadMember(TableEntity entity) => new(
        StoryIds.Parse(entity.RowKey[1..]),
        entity.GetString("ArticleId") is null ? null : ScoringRecordColumns.Read(entity),
        entity.GetString("Title"),
        entity.GetString("Url"),
        entity.GetString("ProviderName"),
        entity.GetString("ProviderDomain"),
        entity.GetDateTimeOffset("PublishedDateTime"),
        entity.GetString("ImageUrl"),
        entity.GetString("ReasonKind") is { } kind ? new StoryJoinReason(kind, entity.GetString("ReasonVia"), entity.GetDouble("ReasonSimilarity")) : null);

    private static TableEntity ToEntity(StoryHead head) => new(StoryPartition(head.StoryId), HeadRow)
    {
        ["Members"] = head.Members,
        ["Articles"] = head.Articles,
        ["Outlets"] = head.Outlets,
        ["Began"] = head.Began,
        ["FirstReported"] = head.FirstReported,
        ["FirstReportedAt"] = head.FirstReportedAt,
        ["Timeline"] = head.Timeline,
        ["MergedInto"] = head.MergedInto,
        ["Gone"] = head.Gone,
    };

    private static StoryHead ReadHead(string storyId, TableEntity entity) => new(
        storyId,
        entity.GetInt32("Members") ?? 0,
        entity.GetInt32("Articles") ?? 0,
        entity.GetInt32("Outlets") ?? 0,
        entity.GetInt64("Began") ?? 0,
        entity.GetString("FirstReported"),
        entity.GetDateTimeOffset("FirstReportedAt"),
        entity.GetString("Timeline") ?? string.Empty,
        entity.GetString("MergedInto"),
        entity.GetBoolean("Gone") ?? false);
}
