using Microsoft.Extensions.Logging;
using Serverless.Domain.Articles;
using Serverless.Domain.Ingestion;
using Serverless.Domain.Stores;

namespace Serverless.Domain.Withdrawals;

/// <summary>
/// An editor's takedown and restore. A takedown keeps the stored article (so a restore needs no file) and holds
/// whatever its files do: uploads of it read "suppressed" until the restore, which scores and indexes it as if just
/// ingested. A retracted article (its text gone with its files) can be taken down too, so it never comes back by an
/// upload; restoring that one leaves it retracted until its file is uploaded again.
/// </summary>
public sealed partial class EditorWithdrawals
{
    private const int MaxAttempts = 8;
    private readonly ArticleStore _articles;
    private readonly IArticleIndexer _indexer;
    private readonly ArticleWithdrawer _withdrawer;
    private readonly AuditStore _audit;
    private readonly TimeProvider _clock;
    private readonly ILogger<EditorWithdrawals> _logger;

    public EditorWithdrawals(ArticleStore articles, IArticleIndexer indexer, ArticleWithdrawer withdrawer, AuditStore audit, TimeProvider clock, ILogger<EditorWithdrawals> logger)
    {
        _articles = articles;
        _indexer = indexer;
        _withdrawer = withdrawer;
        _audit = audit;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>Takes article <paramref name="articleId"/> down for <paramref name="reason"/>; returns what it did and the article's summary after.</summary>
    public async Task<(EditorActionOutcome Outcome, ArticleSummary? Article)> TakeDownAsync(string articleId, string reason, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var (stored, summary) = await ReadAsync(articleId, cancellationToken);
            if (summary is null)
            {
                return (EditorActionOutcome.NotFound, null);
            }

            if (summary.Withdrawal is { Kind: WithdrawalKind.TakenDown } standing)
            {
                // A takedown that storage interrupted after its row: finishing is repeatable (same audit row).
                await _withdrawer.FinishAsync(summary, new AuditEntry(articleId, AuditAction.Takedown, standing.Reason, AuditSource.Editor, null, standing.At), cancellationToken);
                return (EditorActionOutcome.AlreadyDone, summary);
            }

            var withdrawal = new ArticleWithdrawal(WithdrawalKind.TakenDown, _clock.GetUtcNow(), reason);
            var down = summary with { Withdrawal = withdrawal };
            var document = stored is null ? null : ArticleEntityCodec.SerializeDocument(stored.Article);
            var audit = new AuditEntry(articleId, AuditAction.Takedown, reason, AuditSource.Editor, null, withdrawal.At);
            if (await _withdrawer.TryWithdrawAsync(summary, down, document, audit, cancellationToken))
            {
                LogTakenDown(articleId, reason);
                return (EditorActionOutcome.Done, down);
            }
        }

        throw new InvalidOperationException($"Article {articleId} kept changing under {MaxAttempts} attempts to take it down; try again.");
    }

    /// <summary>Brings a taken-down article back; <see cref="EditorActionOutcome.NotDown"/> when it is not taken down.</summary>
    public async Task<(EditorActionOutcome Outcome, ArticleSummary? Article)> RestoreAsync(string articleId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var (stored, summary) = await ReadAsync(articleId, cancellationToken);
            if (summary is null)
            {
                return (EditorActionOutcome.NotFound, null);
            }

            if (summary.Withdrawal is not { Kind: WithdrawalKind.TakenDown })
            {
                return (EditorActionOutcome.NotDown, summary);
            }

            var now = _clock.GetUtcNow();
            var audit = new AuditEntry(articleId, AuditAction.Restore, null, AuditSource.Editor, null, now);
            if (stored is null || summary.Sources.Count == 0)
            {
                // Its files were deleted while it was down: it goes back to retracted, and an upload brings it back.
                var retracted = summary with { Withdrawal = new ArticleWithdrawal(WithdrawalKind.Retracted, now, "restored after its files were deleted") };
                if (await _articles.TryWriteTombstoneAsync(retracted, summary.Version!, cancellationToken))
                {
                    await _audit.RecordAsync(audit, cancellationToken);
                    return (EditorActionOutcome.Done, retracted);
                }

                continue;
            }

            // As if just ingested: scored afresh, journaled for the next run, then listed in its feeds.
            var fresh = ArticleSummary.From(stored.Article, now) with { ContentHash = summary.ContentHash, Sources = summary.Sources };
            var restored = await _indexer.ScoreNewAsync(stored.Article, fresh, previous: null, cancellationToken);
            await _indexer.RecordChangeAsync(restored, summary, cancellationToken);
            if (!await _articles.TryReplaceAsync(ArticleEntityCodec.SerializeDocument(stored.Article), restored, restored.Sources.LastOrDefault() ?? string.Empty, summary.Version, cancellationToken))
            {
                continue;
            }

            await _indexer.IndexAsync(previous: null, restored, cancellationToken);
            await _audit.RecordAsync(audit, cancellationToken);
            LogRestored(articleId);
            return (EditorActionOutcome.Done, restored);
        }

        throw new InvalidOperationException($"Article {articleId} kept changing under {MaxAttempts} attempts to restore it; try again.");
    }

    /// <summary>The article with its text, or only its summary for a tombstone (no text); both null when there is none.</summary>
    private async Task<(StoredArticle? Stored, ArticleSummary? Summary)> ReadAsync(string articleId, CancellationToken cancellationToken)
    {
        var stored = await _articles.GetAsync(articleId, cancellationToken);
        return (stored, stored?.Summary ?? await _articles.GetSummaryAsync(articleId, cancellationToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Article {ArticleId} taken down: {Reason}")]
    private partial void LogTakenDown(string articleId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Article {ArticleId} restored")]
    private partial void LogRestored(string articleId);
}
