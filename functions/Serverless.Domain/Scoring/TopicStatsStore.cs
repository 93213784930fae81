using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Serverless.Domain.Storage;

namespace Serverless.Domain.Scoring;

/// <summary>The TopicStats table: one row per topic (PartitionKey "topic", RowKey = topic id), written by rescoring.</summary>
public sealed class TopicStatsStore : IStorageSchema
{
    private const string Partition = "topic";
    private readonly TableClient _table;

    public TopicStatsStore(TableServiceClient tables, IOptions<StorageOptions> options)
    {
        _table = tables.GetTableClient(options.Value.TopicStatsTable);
    }

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) => await _table.CreateIfNotExistsAsync(cancellationToken);

    public async Task<Dictionary<string, TopicStats>> GetAllAsync(CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, TopicStats>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            result[entity.RowKey] = Read(entity);
        }

        return result;
    }

    public async Task<int> WriteChangedAsync(IReadOnlyDictionary<string, TopicStats> current, IReadOnlyDictionary<string, TopicStats> previous, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>();
        foreach (var stats in current.Values.Where(s => !previous.TryGetValue(s.TopicId, out var old) || old != s))
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(Partition, stats.TopicId)
            {
                ["Name"] = stats.Name,
                ["ParentId"] = stats.ParentId,
                ["Articles"] = stats.Articles,
                ["TopBaseHeat"] = stats.TopBaseHeat,
                ["TopPublished"] = stats.TopPublished,
            }));
        }

        foreach (var gone in previous.Keys.Where(id => !current.ContainsKey(id)))
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(Partition, gone), Azure.ETag.All));
        }

        foreach (var chunk in actions.Chunk(100))
        {
            await _table.SubmitTransactionAsync(chunk, cancellationToken);
        }

        return actions.Count;
    }

    private static TopicStats Read(TableEntity entity) => new(
        entity.RowKey,
        entity.GetString("Name") ?? entity.RowKey,
        entity.GetString("ParentId"),
        entity.GetInt32("Articles") ?? 0,
        entity.GetDouble("TopBaseHeat") ?? 0,
        entity.GetDateTimeOffset("TopPublished"));
}
