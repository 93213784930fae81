using Serverless.Domain.Articles;
using Serverless.Domain.Ingestion;
using Serverless.Domain.Stores;

namespace Serverless.Domain.Withdrawals;

/// <summary>
/// Takes one article out of the feeds, in steps that can each be done again: journal the change (so the next
/// rescoring run recomputes its story and topic counts without it), write the withdrawn row over the version read,
/// delete its topic index rows (so feeds drop it at once), record the audit entry. A withdrawal interrupted after the
/// row is written is finished by <see cref="FinishAsync"/>, which the reconcile timer reaches through the blob's status.
/// </summary>
public sealed class ArticleWithdrawer
{
    private readonly ArticleStore _articles;
    private readonly IArticleIndexer _indexer;
    private readonly AuditStore _audit;

    public ArticleWithdrawer(ArticleStore articles, IArticleIndexer indexer, AuditStore audit)
    {
        _articles = articles;
        _indexer = indexer;
        _audit = audit;
    }

    /// <summary>
    /// Writes <paramref name="withdrawn"/> over <paramref name="current"/> if that is still the stored version (with
    /// <paramref name="document"/>, or as a tombstone without text when it is null) and finishes the withdrawal;
    /// false, having changed nothing but a harmless journal entry, when another write came first.
    /// </summary>
    public async Task<bool> TryWithdrawAsync(ArticleSummary current, ArticleSummary withdrawn, string? document, AuditEntry audit, CancellationToken cancellationToken)
    {
        await _indexer.RecordChangeAsync(withdrawn, current, cancellationToken);
        var written = document is null
            ? await _articles.TryWriteTombstoneAsync(withdrawn, current.Version!, cancellationToken)
            : await _articles.TryReplaceAsync(document, withdrawn, withdrawn.Sources.LastOrDefault() ?? string.Empty, current.Version, cancellationToken);
        if (!written)
        {
            return false;
        }

        await FinishAsync(withdrawn, audit, cancellationToken);
        return true;
    }

    /// <summary>The steps after the row: out of the topic feeds now, and on the record (both repeatable).</summary>
    public async Task FinishAsync(ArticleSummary withdrawn, AuditEntry audit, CancellationToken cancellationToken)
    {
        await _indexer.UnindexAsync(withdrawn, cancellationToken);
        await _audit.RecordAsync(audit, cancellationToken);
    }
}
