using Serverless.Domain.Articles;

namespace Serverless.Domain.Ingestion;

/// <summary>Scores a newly ingested article and lists it in its topic feeds at once, before the next rescoring run.</summary>
public interface IArticleIndexer
{
    /// <summary>Returns the summary with its text sketch and a first score (story, heat, published, topics).</summary>
    Task<ArticleSummary> ScoreNewAsync(Article article, ArticleSummary summary, ArticleSummary? previous, CancellationToken cancellationToken);

    /// <summary>
    /// Records, before the article is written, that it changes (replacing <paramref name="previous"/>, null for a new
    /// article), so the next rescoring run takes it up whatever happens after.
    /// </summary>
    Task RecordChangeAsync(ArticleSummary current, ArticleSummary? previous, CancellationToken cancellationToken);

    /// <summary>Moves the article's topic index rows from the previous version's to the current one's.</summary>
    Task IndexAsync(ArticleSummary? previous, ArticleSummary current, CancellationToken cancellationToken);

    /// <summary>Takes a retracted or taken-down article out of its topic feeds at once (the next run updates its story and counts).</summary>
    Task UnindexAsync(ArticleSummary withdrawn, CancellationToken cancellationToken);
}
