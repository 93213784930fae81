using System.Diagnostics;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.Domain.Telemetry;

namespace Serverless.Domain.Storage.Tables;

/// <summary>
/// Group commit for one table: writes from concurrent callers to the same partition are coalesced into batches that
/// <see cref="TableTransactionSubmitter"/> sends as entity group transactions. While one batch of a partition is in
/// flight the next writes queue, so batches grow with load and a lone write goes out at once: no timer, no added
/// latency when idle. This class keeps only the queue, its backlog and the waits; the submitter owns the service's
/// limits, splitting, and the outcome of each write.
/// <para>
/// <see cref="WriteAsync"/> completes once the writes are stored. <see cref="WriteBehind"/> returns once they are
/// queued, for data that has a repair path (an ingest's status and index rows: the recovery timer and the rescoring
/// rewrite them): its callers go on, so far more writes queue per transaction than there are callers. The queue is
/// bounded (callers wait when it is full), readers in this process see their own writes through
/// <see cref="WhenWrittenAsync"/>, and <see cref="FlushAsync"/> drains it (at shutdown, before a rescoring run).
/// </para>
/// </summary>
public sealed partial class GroupCommitWriter : IAsyncDisposable
{
    /// <summary>Writes queued behind before callers wait: about a second of ingest at full speed on Azurite.</summary>
    private const int MaxBacklog = 1_000;

    /// <summary>How long an idle partition gathers writes queued behind before it sends them.</summary>
    private static readonly TimeSpan GatherDelay = TimeSpan.FromMilliseconds(20);

    private readonly TableTransactionSubmitter _submitter;
    private readonly string _tableName;
    private readonly ILogger _logger;
    private readonly Action<Exception>? _behindWriteFailed;
    private readonly object _gate = new();
    private readonly Dictionary<string, Queue<PendingWrite>> _queues = new(StringComparer.Ordinal);
    private readonly HashSet<PendingWrite> _outstanding = [];

    public GroupCommitWriter(TableClient table, ILogger? logger = null, Action<Exception>? behindWriteFailed = null)
    {
        _submitter = new TableTransactionSubmitter(table);
        _tableName = table.Name;
        _logger = logger ?? NullLogger.Instance;
        _behindWriteFailed = behindWriteFailed;
    }

    /// <summary>Stores the actions (all in one partition); completes when they are written or fails with the storage error.</summary>
    public Task WriteAsync(string partition, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        if (actions.Count == 0)
        {
            return Task.CompletedTask;
        }

        var writes = Enqueue(partition, actions, behind: false);
        return Task.WhenAll(writes.Select(w => w.Completion.Task)).WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Queues the actions (all in one partition) and returns at once, or, when the queue is full, once they are
    /// stored. A failure is logged, not thrown: the caller's data must have a repair path.
    /// </summary>
    public Task WriteBehind(string partition, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        if (actions.Count == 0)
        {
            return Task.CompletedTask;
        }

        int backlog;
        lock (_gate)
        {
            backlog = _outstanding.Count;
        }

        var writes = Enqueue(partition, actions, behind: true);
        return backlog < MaxBacklog
            ? Task.CompletedTask
            : Task.WhenAll(writes.Select(w => w.Completion.Task)).WaitAsync(cancellationToken);
    }

    /// <summary>Completes when every queued write to the row has been attempted (read-your-writes in this process).</summary>
    public Task WhenWrittenAsync(string partition, string? rowKey, CancellationToken cancellationToken) =>
        WhenAttemptedAsync(w => w.Action.Entity.PartitionKey == partition && (rowKey is null || w.Action.Entity.RowKey == rowKey), cancellationToken);

    /// <summary>Completes when every write queued so far has been attempted.</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => WhenAttemptedAsync(_ => true, cancellationToken);

    /// <summary>Drains the queue at shutdown, waiting at most 10 s: what is still queued then has its repair path.</summary>
    public async ValueTask DisposeAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await FlushAsync(deadline.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private Task WhenAttemptedAsync(Func<PendingWrite, bool> which, CancellationToken cancellationToken)
    {
        List<Task> pending;
        lock (_gate)
        {
            pending = [.. _outstanding.Where(which).Select(w => w.Attempted)];
        }

        return pending.Count == 0 ? Task.CompletedTask : Task.WhenAll(pending).WaitAsync(cancellationToken);
    }

    private List<PendingWrite> Enqueue(string partition, IReadOnlyList<TableTransactionAction> actions, bool behind)
    {
        var writes = actions.Select(action => new PendingWrite(action, behind)).ToList();
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
                _outstanding.Add(write);
            }
        }

        if (startFlush)
        {
            _ = Task.Run(() => DrainAsync(partition, behind), CancellationToken.None);
        }

        return writes;
    }

    private async Task DrainAsync(string partition, bool behind)
    {
        if (behind)
        {
            // Nobody waits for writes queued behind, so an idle partition gathers a moment before it sends.
            await Task.Delay(GatherDelay);
        }

        while (true)
        {
            List<PendingWrite> batch;
            lock (_gate)
            {
                var queue = _queues[partition];
                if (queue.Count == 0)
                {
                    _queues.Remove(partition);
                    return;
                }

                batch = new List<PendingWrite>(Math.Min(queue.Count, TableTransactionSubmitter.MaxActions));
                while (queue.Count > 0 && batch.Count < TableTransactionSubmitter.MaxActions)
                {
                    batch.Add(queue.Dequeue());
                }
            }

            using var span = PipelineTelemetry.StartWriteBatch(_tableName, batch.Count, batch.Select(w => w.Origin));
            try
            {
                var outcomes = await _submitter.SubmitAsync(batch.ConvertAll(w => w.Action), CancellationToken.None);
                for (var i = 0; i < batch.Count; i++)
                {
                    Settle(batch[i], outcomes[i].Failure);
                }
            }
            catch (Exception ex)
            {
                // Whatever escaped settles this batch: a flush that died here would leave its partition queued for
                // ever and every reader of it waiting.
                batch.Where(w => !w.Attempted.IsCompleted).ToList().ForEach(w => Settle(w, ex));
            }
        }
    }

    private void Settle(PendingWrite write, Exception? failure)
    {
        lock (_gate)
        {
            _outstanding.Remove(write);
        }

        if (failure is null)
        {
            write.Completion.TrySetResult();
        }
        else if (write.Behind)
        {
            LogWriteBehindFailed(failure, write.Action.Entity.PartitionKey, write.Action.Entity.RowKey);
            _behindWriteFailed?.Invoke(failure);
            write.Completion.TrySetResult();
        }
        else
        {
            write.Completion.TrySetException(failure);
        }

        write.Attempt.TrySetResult();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A queued write to {Partition}/{RowKey} failed; its repair path (recovery, rescoring) will write it again")]
    private partial void LogWriteBehindFailed(Exception exception, string partition, string rowKey);

    private sealed class PendingWrite(TableTransactionAction action, bool behind)
    {
        public TableTransactionAction Action { get; } = action;

        public bool Behind { get; } = behind;

        /// <summary>The span that queued the write: the batch that carries it links to it.</summary>
        public ActivityContext Origin { get; } = Activity.Current?.Context ?? default;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes when the write was made or given up on, never with an error: what readers and flushes wait for.</summary>
        public TaskCompletionSource Attempt { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Attempted => Attempt.Task;
    }
}
