using Serverless.Domain.Stores;

namespace Serverless.Domain.Maintenance;

/// <summary>
/// One change every stored article must go through once (a new stored form, a backfill), applied batch by batch by
/// <see cref="ArchivePass"/>. A step is idempotent: a batch applied twice (a run that died before recording its
/// progress) changes nothing the second time.
/// </summary>
public interface IArchiveStep
{
    /// <summary>Names the step and its version: a new name starts a new pass over the whole archive.</summary>
    string Name { get; }

    /// <summary>
    /// Applies the step to a batch of articles of one shard; returns how many it changed. Articles ingested since
    /// <paramref name="passStartedAt"/> were stored in the current form already.
    /// </summary>
    Task<int> ApplyAsync(IReadOnlyList<StoredArticle> batch, DateTimeOffset passStartedAt, CancellationToken cancellationToken);
}
