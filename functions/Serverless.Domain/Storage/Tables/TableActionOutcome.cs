using Azure;

namespace Serverless.Domain.Storage.Tables;

/// <summary>What became of one action given to <see cref="TableTransactionSubmitter"/>: its new ETag, or why it failed.</summary>
public readonly record struct TableActionOutcome(ETag? ETag, Exception? Failure)
{
    public bool Succeeded => Failure is null;

    /// <summary>The service's status code for a failed action (412 a stale If-Match, 404 a row gone); null otherwise.</summary>
    public int? FailedStatus => (Failure as RequestFailedException)?.Status;

    /// <summary>Throws the first failure among <paramref name="outcomes"/>, for callers that have no per-action recovery.</summary>
    public static void ThrowIfAnyFailed(IEnumerable<TableActionOutcome> outcomes)
    {
        if (outcomes.FirstOrDefault(o => !o.Succeeded).Failure is { } failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }
}
