using Azure;
using Azure.Data.Tables;

namespace Serverless.Domain.Storage.Tables;

/// <summary>The table requests of <see cref="ITableTransport"/>, made through a <see cref="TableClient"/>.</summary>
public sealed class TableClientTransport(TableClient table) : ITableTransport
{
    public async Task<IReadOnlyList<ETag?>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        var responses = await table.SubmitTransactionAsync(actions, cancellationToken);
        return responses.Value.Select(r => r.Headers.ETag).ToList();
    }

    public async Task<ETag?> SendAsync(TableTransactionAction action, CancellationToken cancellationToken)
    {
        var entity = action.Entity;
        var response = action.ActionType switch
        {
            TableTransactionActionType.Add => await table.AddEntityAsync(entity, cancellationToken),
            TableTransactionActionType.UpsertReplace => await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken),
            TableTransactionActionType.UpsertMerge => await table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken),
            TableTransactionActionType.UpdateReplace => await table.UpdateEntityAsync(entity, action.ETag, TableUpdateMode.Replace, cancellationToken),
            TableTransactionActionType.UpdateMerge => await table.UpdateEntityAsync(entity, action.ETag, TableUpdateMode.Merge, cancellationToken),
            _ => await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, action.ETag, cancellationToken),
        };
        return action.ActionType == TableTransactionActionType.Delete ? null : response.Headers.ETag;
    }

    public async Task CreateTableAsync(CancellationToken cancellationToken) => await table.CreateIfNotExistsAsync(cancellationToken);
}
