using System.Buffers;
using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Domain.Articles;
using Serverless.Domain.Parsing;
using Serverless.Domain.Storage;
using Serverless.Domain.Stores;
using Serverless.Domain.Telemetry;
using Serverless.Domain.Withdrawals;

namespace Serverless.Domain.Ingestion;

/// <summary>
/// Processes one uploaded file: parse, store, index, record the outcome. A file that is not an article is a
/// permanent failure: it is recorded as rejected, once, and the call returns normally so the trigger does not retry.
/// Storage failures are transient: they propagate, so the trigger retries and, past its budget, poisons the blob,
/// which stays in its container for a later replay.
/// </summary>
public sealed partial class ArticleIngestor
{
    // What SettleWithoutReplacingAsync answers when the article changed under it: read it again and decide afresh.
    private static readonly IngestOutcome SourcesRaced = new(string.Empty, IngestState.Pending, null, null);

    // Concurrent writes of one article are rare (a file uploaded twice at once, a rescoring run): a few rounds settle them.
    private const int MaxReplaceAttempts = 8;

    private readonly ArticleParser _parser;
    private readonly ArticleStore _articles;
    private readonly IngestStatusStore _status;
    private readonly IArticleIndexer _indexer;
    private readonly PipelineMetrics _metrics;
    private readonly TimeProvider _clock;
    private readonly StorageInitializer _storageLayout;
    private readonly IngestionOptions _options;
    private readonly BlobRetractions _retractions;
    private readonly ILogger<ArticleIngestor> _logger;

    public ArticleIngestor(
        ArticleParser parser,
        ArticleStore articles,
        IngestStatusStore status,
        IArticleIndexer indexer,
        PipelineMetrics metrics,
        TimeProvider clock,
        StorageInitializer storageLayout,
        IOptions<IngestionOptions> options,
        BlobRetractions retractions,
        ILogger<ArticleIngestor> logger)
    {
        _parser = parser;
        _articles = articles;
        _status = status;
        _indexer = indexer;
        _metrics = metrics;
        _clock = clock;
        _storageLayout = storageLayout;
        _options = options.Value;
        _retractions = retractions;
        _logger = logger;
    }

    /// <summary>Downloads and ingests a blob, refusing oversized files before reading them.</summary>
    public async Task<IngestOutcome> IngestAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        Response<Azure.Storage.Blobs.Models.BlobDownloadStreamingResult> download;
        try
        {
            download = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Deleted between upload and processing: nothing is left to ingest, and nothing is lost.
            LogBlobGone(blob.Name);
            return new IngestOutcome(blob.Name, IngestState.Pending, null, null);
        }

        using var result = download.Value;
        var etag = result.Details.ETag.ToString();
        var length = result.Details.ContentLength;
        var uploadedAt = result.Details.LastModified;
        if (length > _options.MaxFileBytes)
        {
            return Timed(await RejectAsync(blob.Name, etag, TooLarge(length), cancellationToken), uploadedAt);
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Max(length, 1));
        try
        {
            var read = 0;
            int n;
            while ((n = await result.Content.ReadAsync(buffer.AsMemory(read, (int)length - read), cancellationToken)) > 0)
            {
                read += n;
            }

            return Timed(await IngestContentAsync(blob.Name, buffer.AsMemory(0, read), etag, cancellationToken), uploadedAt);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Ingests file content already in memory; the function and the benchmark both come through here.</summary>
    public async Task<IngestOutcome> IngestContentAsync(string blobName, ReadOnlyMemory<byte> content, string? blobETag, CancellationToken cancellationToken)
    {
        try
        {
            return await IngestOnceAsync(blobName, content, blobETag, cancellationToken);
        }
        catch (RequestFailedException ex) when (StorageFaults.IsLayoutMissing(ex))
        {
            // Storage came back without the pipeline's tables (a fresh emulator, a table deleted by hand): lay them
            // out again and retry at once, rather than burning the trigger's retries in a second and poisoning the blob.
            LogLayoutMissing(blobName, ex.ErrorCode);
            await _storageLayout.EnsureCreatedAsync(cancellationToken);
            return await IngestOnceAsync(blobName, content, blobETag, cancellationToken);
        }
    }

    private async Task<IngestOutcome> IngestOnceAsync(string blobName, ReadOnlyMemory<byte> content, string? blobETag, CancellationToken cancellationToken)
    {
        using var activity = PipelineTelemetry.Source.StartActivity(PipelineTelemetry.IngestSpan);
        activity?.SetTag("blob.name", blobName);
        if (content.Length > _options.MaxFileBytes)
        {
            return await RejectAsync(blobName, blobETag, TooLarge(content.Length), cancellationToken);
        }

        ArticleParseResult parsed;
        using (PipelineTelemetry.Source.StartActivity(PipelineTelemetry.ParseSpan))
        {
            parsed = _parser.Parse(content.Span, blobName);
        }

        if (!parsed.Succeeded)
        {
            return await RejectAsync(blobName, blobETag, parsed.Error, cancellationToken);
        }

        var article = parsed.Article;
        var now = _clock.GetUtcNow();
        var document = ArticleEntityCodec.SerializeDocument(article);
        var contentHash = ArticleEntityCodec.ContentHashOf(document);
        var fresh = ArticleSummary.From(article, now) with { ContentHash = contentHash, Sources = [blobName] };
        var warnings = WarningsOf(parsed, now);
        ArticleSummary? previous = null;
        IngestOutcome? settled = null;
        using var storing = PipelineTelemetry.Source.StartActivity(PipelineTelemetry.StoreSpan);

        // Read beside the work below: if this name carried another article before (the file was replaced by one with
        // another URL), that article loses it as a source once this one is stored.
        var prior = _status.GetAsync(blobName, cancellationToken, includeLegacy: false);
        var summary = await _indexer.ScoreNewAsync(article, fresh, previous, cancellationToken);
        await _indexer.RecordChangeAsync(summary, previous, cancellationToken);
        for (var attempt = 1; !await _articles.TryInsertAsync(document, summary, blobName, cancellationToken); attempt++)
        {
            previous = await _articles.GetSummaryAsync(article.Id, cancellationToken);
            var outcome = previous is null ? null : await SettleWithoutReplacingAsync(blobName, blobETag, article.Id, previous, contentHash, now, warnings, cancellationToken);
            if (outcome is not null && !ReferenceEquals(outcome, SourcesRaced))
            {
                settled = outcome;
                break;
            }

            // The same article again (same URL, any blob name): it replaces the version read, and moves that version's
            // index rows. Another ingest or a rescoring run may replace it first; then read again and move theirs. A
            // retracted article's tombstone is replaced like a new article: it has no rows and no story left. After a
            // lost race to record this file as a source, the article is only read again.
            if (outcome is null && previous is not null)
            {
                var live = previous.Withdrawal is null ? previous : null;
                // The first ingest stays the first: a re-upload (even after a retraction) cannot make a date in the future fresh again.
                var replacing = fresh with { Sources = [.. live?.Sources.Where(n => n != blobName) ?? [], blobName], FirstIngestedAt = previous.FirstIngestedAt ?? previous.IngestedAt };
                summary = await _indexer.ScoreNewAsync(article, replacing, live, cancellationToken);

                // Before the write, with the rows of the version it replaces: the run deletes them if the ingest cannot.
                await _indexer.RecordChangeAsync(summary, previous, cancellationToken);
                if (await _articles.TryReplaceAsync(document, summary, blobName, previous.Version, cancellationToken))
                {
                    previous = live;
                    break;
                }
            }

            if (attempt == MaxReplaceAttempts)
            {
                throw new InvalidOperationException($"Article {article.Id} kept changing under {MaxReplaceAttempts} attempts to store {blobName}; the trigger retries it.");
            }

            // Writers that lost the same race would otherwise all read and try again at once, and one can lose every
            // round: a random pause, growing with the attempts, spreads them out.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * attempt)), cancellationToken);
        }

        if (await prior is ({ Status: IngestState.Ingested or IngestState.Suppressed, ArticleId: { } before }, _) && before != article.Id)
        {
            await _retractions.BlobReplacedAsync(blobName, before, cancellationToken);
        }

        if (settled is not null)
        {
            return settled;
        }

        // Both after the article is stored, and both written behind it: they return once queued, so concurrent ingests
        // share their transactions. A crash that loses them loses nothing that cannot be rebuilt: the status reads as
        // pending and the recovery timer ingests the blob again; the next rescoring run rewrites index rows. The batches
        // that write them link to this span.
        storing?.Stop();
        using var queuing = PipelineTelemetry.Source.StartActivity(PipelineTelemetry.WriteBehindSpan);
        await Task.WhenAll(
            _indexer.IndexAsync(previous, summary, cancellationToken),
            _status.SetIngestedAsync(blobName, blobETag, article.Id, now, cancellationToken, warnings));
        _metrics.ArticlesIngested.Add(1);
        LogIngested(blobName, article.Id, article.Format);
        return new IngestOutcome(blobName, IngestState.Ingested, article.Id, null);
    }

    /// <summary>
    /// The cases in which an upload of a stored article changes nothing but its sources: the same file delivered again
    /// (triggers are at-least-once, and the recovery timer may race the listener), or any file of an article an editor
    /// took down, which stays out. Null when the upload replaces the stored version; <see cref="SourcesRaced"/> when the
    /// stored version changed before this file could be recorded as one of its sources.
    /// </summary>
    private async Task<IngestOutcome?> SettleWithoutReplacingAsync(string blobName, string? blobETag, string articleId, ArticleSummary previous, string contentHash, DateTimeOffset now, IReadOnlyList<ArticleWarning> warnings, CancellationToken cancellationToken)
    {
        var takenDown = previous.Withdrawal is { Kind: WithdrawalKind.TakenDown };
        var unchanged = previous.Withdrawal is null && previous.ContentHash == contentHash;
        if (!takenDown && !unchanged)
        {
            return null;
        }

        // Recorded as a source, so deleting the other copies later does not retract what this file still carries. If
        // the article changed meanwhile (a retraction's tombstone, a takedown, a rescoring), the caller reads it again
        // and decides afresh: a tombstone is then replaced by this upload.
        if (!previous.Sources.Contains(blobName, StringComparer.Ordinal)
            && await _articles.TryUpdateSourcesAsync(articleId, [.. previous.Sources, blobName], previous.Version!, cancellationToken) is null)
        {
            return SourcesRaced;
        }

        if (takenDown)
        {
            var reason = previous.Withdrawal!.Reason;
            await _status.SetWithdrawnAsync(blobName, blobETag, IngestState.Suppressed, articleId, $"Article {articleId} was taken down by an editor ({reason}); this upload stays out until it is restored.", now, cancellationToken);
            LogSuppressed(blobName, articleId);
            return new IngestOutcome(blobName, IngestState.Suppressed, articleId, null);
        }

        // Keep the stored article, its story and its index rows as the last rescoring left them.
        await _status.SetIngestedAsync(blobName, blobETag, articleId, now, cancellationToken, warnings);
        LogUnchanged(blobName, articleId);
        return new IngestOutcome(blobName, IngestState.Ingested, articleId, null);
    }

    private async Task<IngestOutcome> RejectAsync(string blobName, string? blobETag, ArticleParseError error, CancellationToken cancellationToken)
    {
        await _status.SetRejectedAsync(blobName, blobETag, error, _clock.GetUtcNow(), cancellationToken);
        _metrics.Rejected(error.Code);
        LogRejected(blobName, error.ToString());
        return new IngestOutcome(blobName, IngestState.Rejected, null, error);
    }

    private IngestOutcome Timed(IngestOutcome outcome, DateTimeOffset uploadedAt)
    {
        _metrics.Outcome(outcome.State, uploadedAt, _clock.GetUtcNow());
        return outcome;
    }

    private ArticleParseError TooLarge(long length) => new(
        "too-large",
        $"The file is {length:N0} bytes, over the {_options.MaxFileBytes:N0}-byte limit (setting Ingestion__MaxFileBytes); split it or raise the limit.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingested {Blob} as article {ArticleId} ({Format})")]
    private partial void LogIngested(string blob, string articleId, ArticleFormat format);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Blob} holds article {ArticleId}, which an editor took down; it stays out")]
    private partial void LogSuppressed(string blob, string articleId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Blob} holds article {ArticleId} unchanged; nothing to update")]
    private partial void LogUnchanged(string blob, string articleId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected {Blob}: {Error}")]
    private partial void LogRejected(string blob, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage has no table or container for {Blob} ({ErrorCode}); creating them again")]
    private partial void LogLayoutMissing(string blob, string? errorCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Blob {Blob} was deleted before it could be ingested")]
    private partial void LogBlobGone(string blob);
}
