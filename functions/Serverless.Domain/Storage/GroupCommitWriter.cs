using Azure;
using Azure.Data.Tables;

namespace Serverless.Domain.Storage;

/// <summary>
/// Group commit for one table: writes from concurrent callers to the same partition are coalesced into entity group
/// transactions of up to 100, each caller awaiting the transaction that carries its writes. While one transaction of a
/// partition is in flight the next writes queue, so batches grow with load and a lone write goes out at once: no
/// timer, no added latency when idle. A caller's task completes only once its writes are stored, so a crash never
/// reports a write that was not made. Deletes of rows already gone count as done.
/// </summary>
public sealed class GroupCommitWriter
{
    private const int MaxBatch = 100;
    private readonly TableClient _table;
    private readonly object _gate = new();
    private readonly Dictionary<string, Queue<PendingWrite>> _queues = new(StringComparer.Ordinal);

    public GroupCommitWriter(TableClient table)
    {
        _table = table;
    }

    /// <summary>Stores the actions (all in one partition); completes when they are written or fails with the storage error.</summary>
    public Task WriteAsync(string partition, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        if (actions.Count == 0)
        {
            return Task.CompletedTask;
        }

        var writes = actions.Select(action => new PendingWrite(action)).ToList();
        bool startFlush;
        lock (_gate)
        {
            startFlush = !_queues.TryGetValue(partition, out var queue);
            if (startFlush)
            {
                _queues[partition] = queue = new Queue<PendingWrite>();
            }

            foreach (var write in writes)
            {
                queue!.Enqueue(write);
            }
        }

        if (startFlush)
        {
            _ = Task.Run(() => FlushAsync(partition), CancellationToken.None);
        }

        return Task.WhenAll(writes.Select(w => w.Completion.Task)).WaitAsync(cancellationToken);
    }

    private async Task FlushAsync(string partition)
    {
        while (true)
        {
            var batch = new List<PendingWrite>(MaxBatch);
            lock (_gate)
            {
                var queue = _queues[partition];
                if (queue.Count == 0)
                {
                    _queues.Remove(partition);
                    return;
                }

                // A row may appear once per transaction: a second write to the same row waits for the next one.
                var keys = new HashSet<string>(StringComparer.Ordinal);
                var deferred = new List<PendingWrite>();
                while (queue.Count > 0 && batch.Count < MaxBatch)
                {
                    var write = queue.Dequeue();
                    (keys.Add(write.Action.Entity.RowKey) ? batch : deferred).Add(write);
                }

                if (deferred.Count > 0)
                {
                    var rest = deferred.Concat(queue).ToList();
                    queue.Clear();
                    rest.ForEach(queue.Enqueue);
                }
            }

            await SubmitAsync(batch);
        }
    }

    private async Task SubmitAsync(List<PendingWrite> batch)
    {
        while (batch.Count > 0)
        {
            try
            {
                await _table.SubmitTransactionAsync(batch.Select(w => w.Action), CancellationToken.None);
                batch.ForEach(w => w.Completion.TrySetResult());
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.FailedTransactionActionIndex is { } failed && failed < batch.Count)
            {
                // One write failed the whole transaction: settle it on its own and submit the others again.
                var write = batch[failed];
                batch.RemoveAt(failed);
                if (write.Action.ActionType == TableTransactionActionType.Delete && ex.Status == 404)
                {
                    write.Completion.TrySetResult();
                }
                else
                {
                    write.Completion.TrySetException(new RequestFailedException(ex.Status, ex.Message, ex.ErrorCode, ex));
                }
            }
            catch (Exception ex)
            {
                batch.ForEach(w => w.Completion.TrySetException(ex));
                return;
            }
        }
    }

    private sealed class PendingWrite(TableTransactionAction action)
    {
        public TableTransactionAction Action { get; } = action;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
