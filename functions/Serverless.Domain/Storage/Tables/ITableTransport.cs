using Azure;
using Azure.Data.Tables;

namespace Serverless.Domain.Storage.Tables;

/// <summary>
/// The three requests <see cref="TableTransactionSubmitter"/> makes of a table. The seam lets its splitting and
/// outcomes be tested without storage; <see cref="TableClientTransport"/> is the only production implementation.
/// </summary>
public interface ITableTransport
{
    /// <summary>Submits one entity group transaction; returns the new ETag of each action, in order.</summary>
    Task<IReadOnlyList<ETag?>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken);

    /// <summary>Sends one action as a plain request; returns the new ETag (none for a delete).</summary>
    Task<ETag?> SendAsync(TableTransactionAction action, CancellationToken cancellationToken);

    /// <summary>Creates the table when it does not exist.</summary>
    Task CreateTableAsync(CancellationToken cancellationToken);
}
