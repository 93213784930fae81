using Serverless.Domain.Articles;

namespace Serverless.Domain.Ingestion;

internal sealed class PassThroughIndexer : IArticleIndexer
{
    public Task<ArticleSummary> ScoreNewAsync(Article article, ArticleSummary summary, CancellationToken cancellationToken) => Task.FromResult(summary);

    public Task IndexAsync(ArticleSummary summary, CancellationToken cancellationToken) => Task.CompletedTask;
}
