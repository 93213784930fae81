using Azure;
using Azure.Data.Tables;
using Serverless.Domain.Storage;

namespace Serverless.Domain.Storage.Tables;

/// <summary>
/// The one way table writes reach storage. Actions are grouped by partition and cut into entity group transactions
/// within the service's limits (<see cref="MaxActions"/> actions, one partition, <see cref="MaxPayloadBytes"/> of
/// payload, a row at most once); a lone action goes out as a plain request, which costs the service less than a
/// one-action transaction. A transaction that fails on one action is submitted again without it, a delete of a row
/// that is gone counts as done, and a table that went away (a fresh emulator, one deleted by hand) is laid out again,
/// once. Every action gets its own <see cref="TableActionOutcome"/>; nothing is thrown for a refused action.
/// </summary>
public sealed class TableTransactionSubmitter
{
    /// <summary>Actions in one entity group transaction: the service's limit.</summary>
    public const int MaxActions = 100;

    /// <summary>
    /// Payload of one transaction. The service allows 4 MiB; entity sizes are estimated from their values, so a
    /// margin is kept for the multipart framing and JSON escaping the estimate does not count exactly.
    /// </summary>
    public const int MaxPayloadBytes = (4 * 1024 * 1024) - (256 * 1024);

    private readonly ITableTransport _transport;
    private readonly int _maxConcurrency;

    public TableTransactionSubmitter(TableClient table, int maxConcurrency = 1)
        : this(new TableClientTransport(table), maxConcurrency)
    {
    }

    public TableTransactionSubmitter(ITableTransport transport, int maxConcurrency = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        _transport = transport;
        _maxConcurrency = maxConcurrency;
    }

    /// <summary>
    /// Submits the actions, up to the concurrency given at construction transactions at a time; returns each one's
    /// outcome, in the order given. Writes to one row keep their order; so do all writes to a partition that names a
    /// row twice. Throws only when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public async Task<IReadOnlyList<TableActionOutcome>> SubmitAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        var outcomes = new TableActionOutcome[actions.Count];
        var work = TransactionPlan.Create(actions);
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = _maxConcurrency, CancellationToken = cancellationToken }, async (sequence, ct) =>
        {
            foreach (var transaction in sequence)
            {
                await SubmitTransactionAsync(actions, transaction, outcomes, ct);
            }
        });
        return outcomes;
    }

    private async Task SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, IReadOnlyList<int> transaction, TableActionOutcome[] outcomes, CancellationToken cancellationToken)
    {
        var remaining = transaction.ToList();
        var relaidOut = false;
        while (remaining.Count > 0)
        {
            if (remaining.Count == 1)
            {
                outcomes[remaining[0]] = await SendOneAsync(actions[remaining[0]], cancellationToken);
                return;
            }

            try
            {
                var etags = await _transport.SubmitTransactionAsync(remaining.Select(i => actions[i]).ToList(), cancellationToken);
                for (var i = 0; i < remaining.Count; i++)
                {
                    outcomes[remaining[i]] = new TableActionOutcome(i < etags.Count ? etags[i] : null, null);
                }

                return;
            }
            catch (RequestFailedException ex) when (StorageFaults.IsLayoutMissing(ex) && !relaidOut)
            {
                relaidOut = true;
                await CreateTableAsync(cancellationToken);
            }
            catch (TableTransactionFailedException ex) when (ex.FailedTransactionActionIndex is { } failed && failed < remaining.Count)
            {
                // A transaction is all or nothing: settle the action that failed it on its own and submit the others again.
                var index = remaining[failed];
                remaining.RemoveAt(failed);
                outcomes[index] = IsGoneDelete(actions[index], ex.Status)
                    ? new TableActionOutcome(null, null)
                    : new TableActionOutcome(null, new RequestFailedException(ex.Status, ex.Message, ex.ErrorCode, ex));
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // Whatever else escaped (the SDK's AggregateException after its retries, a timeout) settles the rest.
                remaining.ForEach(i => outcomes[i] = new TableActionOutcome(null, ex));
                return;
            }
        }
    }

    private async Task<TableActionOutcome> SendOneAsync(TableTransactionAction action, CancellationToken cancellationToken)
    {
        for (var relaidOut = false; ; relaidOut = true)
        {
            try
            {
                return new TableActionOutcome(await _transport.SendAsync(action, cancellationToken), null);
            }
            catch (RequestFailedException ex) when (StorageFaults.IsLayoutMissing(ex) && !relaidOut)
            {
                await CreateTableAsync(cancellationToken);
            }
            catch (RequestFailedException ex) when (IsGoneDelete(action, ex.Status))
            {
                return new TableActionOutcome(null, null);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                return new TableActionOutcome(null, ex);
            }
        }
    }

    private async Task CreateTableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _transport.CreateTableAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is RequestFailedException or AggregateException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            // Storage is unreachable or refuses: the write that follows fails and reports it.
        }
    }

    private static bool IsGoneDelete(TableTransactionAction action, int status) =>
        status == 404 && action.ActionType == TableTransactionActionType.Delete;
}
