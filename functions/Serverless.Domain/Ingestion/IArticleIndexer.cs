using Serverless.Domain.Articles;

namespace Serverless.Domain.Ingestion;

/// <summary>Scores a newly ingested article and lists it in its topic feeds at once, before the next rescoring run.</summary>
public interface IArticleIndexer
{
    /// <summary>Returns the summary with a first score (story, heat, published, topics) filled in.</summary>
    Task<ArticleSummary> ScoreNewAsync(Article article, ArticleSummary summary, CancellationToken cancellationToken);

    /// <summary>Writes the article's rows into the topic index.</summary>
    Task IndexAsync(ArticleSummary summary, CancellationToken cancellationToken);
}
