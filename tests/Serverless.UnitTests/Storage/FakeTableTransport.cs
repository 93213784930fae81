using Azure;
using Azure.Data.Tables;
using Serverless.Domain.Storage.Tables;

namespace Serverless.UnitTests.Storage;

/// <summary>
/// A table that refuses chosen rows the way the service does (a transaction fails whole, naming the action that
/// failed it) and records every request, for the submitter's unit tests.
/// </summary>
internal sealed class FakeTableTransport : ITableTransport
{
    private readonly object _gate = new();

    /// <summary>Row keys the table refuses, with the status it answers.</summary>
    public Dictionary<string, int> Refused { get; } = new(StringComparer.Ordinal);

    /// <summary>Requests left that fail with TableNotFound before the table "exists".</summary>
    public int MissingTableRequests { get; set; }

    public int TablesCreated { get; private set; }

    public List<IReadOnlyList<TableTransactionAction>> Transactions { get; } = [];

    public List<TableTransactionAction> PlainRequests { get; } = [];

    /// <summary>Row keys in the order the table applied them.</summary>
    public List<string> Applied { get; } = [];

    public Task<IReadOnlyList<ETag?>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Transactions.Add(actions);
            ThrowIfTableMissing();
            Assert.True(actions.Count <= TableTransactionSubmitter.MaxActions, $"{actions.Count} actions in one transaction");
            Assert.Single(actions.Select(a => a.Entity.PartitionKey).Distinct());
            Assert.Equal(actions.Count, actions.Select(a => a.Entity.RowKey).Distinct().Count());
            for (var i = 0; i < actions.Count; i++)
            {
                if (Refused.TryGetValue(actions[i].Entity.RowKey, out var status))
                {
                    throw TransactionFailed(status, i);
                }
            }

            Applied.AddRange(actions.Select(a => a.Entity.RowKey));
            return Task.FromResult<IReadOnlyList<ETag?>>(actions.Select(a => (ETag?)new ETag("v-" + a.Entity.RowKey)).ToList());
        }
    }

    public Task<ETag?> SendAsync(TableTransactionAction action, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            PlainRequests.Add(action);
            ThrowIfTableMissing();
            if (Refused.TryGetValue(action.Entity.RowKey, out var status))
            {
                throw new RequestFailedException(status, "refused", status == 404 ? "ResourceNotFound" : "UpdateConditionNotSatisfied", null);
            }

            Applied.Add(action.Entity.RowKey);
            return Task.FromResult<ETag?>(new ETag("v-" + action.Entity.RowKey));
        }
    }

    public Task CreateTableAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            TablesCreated++;
            MissingTableRequests = 0;
            return Task.CompletedTask;
        }
    }

    private void ThrowIfTableMissing()
    {
        if (MissingTableRequests > 0)
        {
            MissingTableRequests--;
            throw new RequestFailedException(404, "The table specified does not exist.", "TableNotFound", null);
        }
    }

    /// <summary>The SDK's exception for a transaction one action failed; only the SDK itself sets the failed index.</summary>
    private static TableTransactionFailedException TransactionFailed(int status, int index)
    {
        var inner = new RequestFailedException(status, $"{index}:refused", status == 404 ? "ResourceNotFound" : "UpdateConditionNotSatisfied", null);
        var exception = new TableTransactionFailedException(inner);
        var setter = typeof(TableTransactionFailedException).GetProperty(nameof(TableTransactionFailedException.FailedTransactionActionIndex))!.GetSetMethod(nonPublic: true);
        setter!.Invoke(exception, [(int?)index]);
        return exception;
    }
}
