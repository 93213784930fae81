using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Serverless.Domain.Storage;
using Serverless.Domain.Storage.Tables;
using Serverless.Domain.Topics;

namespace Serverless.Domain.Stores;

/// <summary>
/// The TopicStats table, all in one partition ("topic"), so that a count and the ledger rows it sums change in one
/// transaction:
/// <list type="bullet">
/// <item>a row per topic (RowKey = topic id): its published articles (<c>Articles</c>), all its articles
/// (<c>Listed</c>), its hottest article, and, for topics outside the taxonomy, the name the first ingest saw;</item>
/// <item>a ledger row per article (RowKey <c>!{article id}</c>, before every topic id): the topics it is counted in
/// and whether as published. A run applies an article's change to the ledger and to the counts together, so a
/// count never drifts from its articles, whatever dies half way, and an article that goes takes its counts along.</item>
/// </list>
/// </summary>
public sealed partial class TopicStatsStore : IStorageSchema
{
    private const string Partition = "topic";
    private const string LedgerPrefix = "!";

    // Every topic id sorts after this (ids are slugs), and every ledger row before it.
    private const string FirstTopicKey = "\"";
    private const int MaxSpellingAttempts = 8;

    // A run (in any process) deletes the row of a topic no article has any more: what a process remembers of a
    // spelling is trusted this long, so a topic that comes back is recorded again. One read a topic per process then.
    private const long SpellingMemoryMilliseconds = 10 * 60 * 1000;
    private readonly TableClient _table;
    private readonly TableTransactionSubmitter _submitter;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (DateTimeOffset? SeenAt, string Name, long RememberedAt)> _spellings = new(StringComparer.Ordinal);

    public TopicStatsStore(TableServiceClient tables, IOptions<StorageOptions> options)
    {
        _table = tables.GetTableClient(options.Value.TopicStatsTable);
        _submitter = new TableTransactionSubmitter(_table);
    }

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) => await _table.CreateIfNotExistsAsync(cancellationToken);

    public async Task<Dictionary<string, TopicStats>> GetAllAsync(CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, TopicStats>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {FirstTopicKey}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var stats = result[entity.RowKey] = Read(entity);
            if (stats.NameSeenAt is { } seenAt)
            {
                _spellings[stats.TopicId] = (seenAt, stats.Name, Environment.TickCount64);
            }
        }

        return result;
    }

    /// <summary>
    /// Records the names of topics outside the taxonomy as an ingest sees them, so a new topic is listed, and its feed
    /// served, from its first article on. A topic keeps the first spelling seen; spellings seen in the same second
    /// (uploads that race) resolve to the ordinally smallest, whichever lands first. Each process remembers what it
    /// recorded or read, so an ingest writes only for a topic it has not seen before.
    /// </summary>
    public async Task RecordSpellingsAsync(IReadOnlyList<TopicSpelling> spellings, DateTimeOffset seenAt, CancellationToken cancellationToken)
    {
        var second = TruncateToSeconds(seenAt);
        foreach (var spelling in spellings)
        {
            if (!_spellings.TryGetValue(spelling.TopicId, out var known) || Environment.TickCount64 - known.RememberedAt > SpellingMemoryMilliseconds || Precedes(second, spelling.Name, known.SeenAt, known.Name))
            {
                await RecordSpellingAsync(spelling, second, cancellationToken);
            }
        }
    }

    private async Task RecordSpellingAsync(TopicSpelling spelling, DateTimeOffset seenAt, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxSpellingAttempts; attempt++)
        {
            var stored = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, spelling.TopicId, cancellationToken: cancellationToken);
            try
            {
                if (stored.HasValue && stored.Value is { } entity)
                {
                    var storedAt = entity.GetDateTimeOffset("NameSeenAt");
                    var storedName = entity.GetString("Name");
                    if (storedName is not null && !Precedes(seenAt, spelling.Name, storedAt, storedName))
                    {
                        _spellings[spelling.TopicId] = (storedAt, storedName, Environment.TickCount64);
                        return;
                    }

                    var update = new TableEntity(Partition, spelling.TopicId) { ["Name"] = spelling.Name, ["NameSeenAt"] = seenAt };
                    await _table.UpdateEntityAsync(update, entity.ETag, TableUpdateMode.Merge, cancellationToken);
                }
                else
                {
                    await _table.AddEntityAsync(
                        new TableEntity(Partition, spelling.TopicId) { ["Name"] = spelling.Name, ["NameSeenAt"] = seenAt, ["Articles"] = 0, ["Listed"] = 0, ["TopBaseHeat"] = 0d },
                        cancellationToken);
                }

                _spellings[spelling.TopicId] = (seenAt, spelling.Name, Environment.TickCount64);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another ingest (or a run) wrote the row between the read and the write: read it again.
            }
        }
    }

    /// <summary>Whether a spelling seen at <paramref name="seenAt"/> goes before the stored one (none recorded, as in rows older than names, counts as later).</summary>
    private static bool Precedes(DateTimeOffset seenAt, string name, DateTimeOffset? storedAt, string storedName) =>
        storedAt is not { } at || seenAt < at || (seenAt == at && string.CompareOrdinal(name, storedName) < 0);

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static TopicStats Read(TableEntity entity) => new(
        entity.RowKey,
        entity.GetString("Name") ?? entity.RowKey,
        entity.GetString("ParentId"),
        entity.GetInt32("Articles") ?? 0,
        entity.GetDouble("TopBaseHeat") ?? 0,
        entity.GetDateTimeOffset("TopPublished"))
    {
        NameSeenAt = entity.GetDateTimeOffset("NameSeenAt"),
        Listed = entity.GetInt32("Listed"),
        Version = entity.ETag,
    };
}
