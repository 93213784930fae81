using Microsoft.Extensions.Logging;
using Serverless.Domain.Articles;
using Serverless.Domain.Ingestion;
using Serverless.Domain.Stores;

namespace Serverless.Domain.Withdrawals;

/// <summary>
/// What deleting an uploaded file does: the article it carried loses it as a source, and is retracted when no other
/// file carries it. Reached by a BlobDeleted event, by the reconcile timer for deletes no event reported, and by an
/// ingest whose file, uploaded again under the same name, now holds another article. Every step can be done again, so
/// an event delivered twice, or a retraction that storage interrupted, ends the same way; the blob's status is written
/// last, so the reconcile timer finds an interrupted one still "ingested" and finishes it.
/// </summary>
public sealed partial class BlobRetractions
{
    private const int MaxAttempts = 8;
    private readonly ArticleStore _articles;
    private readonly IngestStatusStore _status;
    private readonly UploadStore _uploads;
    private readonly ArticleWithdrawer _withdrawer;
    private readonly TimeProvider _clock;
    private readonly ILogger<BlobRetractions> _logger;

    public BlobRetractions(ArticleStore articles, IngestStatusStore status, UploadStore uploads, ArticleWithdrawer withdrawer, TimeProvider clock, ILogger<BlobRetractions> logger)
    {
        _articles = articles;
        _status = status;
        _uploads = uploads;
        _withdrawer = withdrawer;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>Handles the deletion of upload <paramref name="blobName"/>, if it is still deleted.</summary>
    public async Task<BlobDeletionOutcome> BlobDeletedAsync(string blobName, CancellationToken cancellationToken)
    {
        if (await _uploads.GetVersionAsync(blobName, cancellationToken) is not null)
        {
            // Uploaded again since the delete: the new file's own ingest decides.
            return BlobDeletionOutcome.StillThere;
        }

        var recorded = await _status.GetAsync(blobName, cancellationToken);
        var (status, etag) = recorded ?? (new IngestStatus(blobName, IngestState.Pending, null, null, null), null);
        if (status.Status is IngestState.Retracted or IngestState.Deleted)
        {
            return BlobDeletionOutcome.AlreadyRecorded;
        }

        var now = _clock.GetUtcNow();
        if (status.Status is not (IngestState.Ingested or IngestState.Suppressed) || status.ArticleId is not { } articleId)
        {
            await _status.SetWithdrawnAsync(blobName, etag, IngestState.Deleted, status.ArticleId, "Deleted before it held an article: nothing left a feed.", now, cancellationToken);
            return BlobDeletionOutcome.Deleted;
        }

        var (retracted, detail) = await DetachAsync(articleId, blobName, AuditSource.BlobDelete, cancellationToken);
        await _status.SetWithdrawnAsync(blobName, etag, retracted ? IngestState.Retracted : IngestState.Deleted, articleId, detail, now, cancellationToken);
        LogDeleted(blobName, articleId, retracted);
        return retracted ? BlobDeletionOutcome.Retracted : BlobDeletionOutcome.Deleted;
    }

    /// <summary>An upload under <paramref name="blobName"/> now holds another article than <paramref name="articleId"/>: this one loses it.</summary>
    public async Task BlobReplacedAsync(string blobName, string articleId, CancellationToken cancellationToken)
    {
        var (retracted, _) = await DetachAsync(articleId, blobName, AuditSource.BlobReplaced, cancellationToken);
        if (retracted)
        {
            LogReplaced(blobName, articleId);
        }
    }

    /// <summary>
    /// Removes <paramref name="blobName"/> from the article's sources, and retracts the article when it was the last
    /// one (a taken-down article stays down, with its text, whatever its files do). Returns whether the article is
    /// retracted now and what the blob's status should say.
    /// </summary>
    private async Task<(bool Retracted, string Detail)> DetachAsync(string articleId, string blobName, AuditSource source, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var summary = await _articles.GetSummaryAsync(articleId, cancellationToken);
            if (summary is null)
            {
                return (false, $"Deleted; article {articleId} it held is no longer stored.");
            }

            if (summary.Withdrawal is { Kind: WithdrawalKind.Retracted } done)
            {
                // Retracted before (this delete's first try, interrupted, or another copy's): make sure it finished.
                await _withdrawer.FinishAsync(summary, Audit(summary, done, source, blobName), cancellationToken);
                return (true, Retracted(done));
            }

            var remaining = summary.Sources.Where(name => name != blobName).ToList();
            if (remaining.Count > 0 || summary.Withdrawal is { Kind: WithdrawalKind.TakenDown })
            {
                if (remaining.Count != summary.Sources.Count && await _articles.TryUpdateSourcesAsync(articleId, remaining, summary.Version!, cancellationToken) is null)
                {
                    continue;
                }

                return (false, remaining.Count > 0
                    ? $"Deleted; article {articleId} is still carried by {remaining.Count} other file(s), such as {remaining[0]}, so it stays in the feeds."
                    : $"Deleted; article {articleId} is taken down and stays down.");
            }

            var withdrawal = new ArticleWithdrawal(WithdrawalKind.Retracted, _clock.GetUtcNow(), source == AuditSource.BlobDelete ? $"{blobName} was deleted" : $"{blobName} now holds another article");
            var tombstone = summary with { Sources = [], Withdrawal = withdrawal };
            if (await _withdrawer.TryWithdrawAsync(summary, tombstone, document: null, Audit(summary, withdrawal, source, blobName), cancellationToken))
            {
                return (true, Retracted(withdrawal));
            }
        }

        throw new InvalidOperationException($"Article {articleId} kept changing under {MaxAttempts} attempts to detach {blobName}; the reconcile timer tries again.");
    }

    private static string Retracted(ArticleWithdrawal withdrawal) =>
        $"Retracted at {withdrawal.At:u}: it was the last file that carried its article, which left every feed. Upload the file again to bring it back.";

    private static AuditEntry Audit(ArticleSummary summary, ArticleWithdrawal withdrawal, AuditSource source, string blobName) =>
        new(summary.Id, AuditAction.Retraction, withdrawal.Reason, source, blobName, withdrawal.At);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload {Blob} was deleted; article {ArticleId} retracted: {Retracted}")]
    private partial void LogDeleted(string blob, string articleId, bool retracted);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload {Blob} now holds another article; article {ArticleId}, which it alone carried, is retracted")]
    private partial void LogReplaced(string blob, string articleId);
}
