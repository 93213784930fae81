using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Serverless.Domain.Articles;
using Serverless.Domain.Feeds;
using Serverless.Domain.Scoring;
using Serverless.Domain.Stores;
using Serverless.Functions.Http;

namespace Serverless.Functions.Feeds;

/// <summary>GET /api/articles/{id}: one article with all its fields, related list included, and its current score.</summary>
public sealed class GetArticle
{
    private readonly ArticleStore _articles;
    private readonly HeatScorer _scorer;
    private readonly TimeProvider _clock;
    private readonly FeedOptions _options;

    public GetArticle(ArticleStore articles, HeatScorer scorer, TimeProvider clock, IOptions<FeedOptions> options)
    {
        _articles = articles;
        _scorer = scorer;
        _clock = clock;
        _options = options.Value;
    }

    [OpenApiOperation("One article with all its fields, related list included, and its current heat and story.")]
    [OpenApiResponse(200, typeof(ArticleResponse), "The article.")]
    [OpenApiProblem(404, "No article has this id.")]
    [OpenApiProblem(410, "The article was retracted (its files were deleted) or taken down by an editor.")]
    [OpenApiStorageProblem]
    [Function(nameof(GetArticle))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "articles/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var stored = ArticleIdFormat.IsValid(id) ? await _articles.GetAsync(id, cancellationToken) : null;
        var withdrawal = stored is null ? null : stored.Summary.Withdrawal;
        if (stored is null && ArticleIdFormat.IsValid(id))
        {
            // A retracted article keeps only its tombstone, which has no text.
            withdrawal = (await _articles.GetSummaryAsync(id, cancellationToken))?.Withdrawal;
        }

        if (withdrawal is not null)
        {
            return ApiResults.Problem(
                410,
                withdrawal.Kind == WithdrawalKind.Retracted ? "Article retracted" : "Article taken down",
                withdrawal.Kind == WithdrawalKind.Retracted
                    ? $"This article was retracted at {withdrawal.At:u}: every file that carried it was deleted. Uploading it again brings it back."
                    : $"This article was taken down by an editor at {withdrawal.At:u}. It is no longer published.");
        }

        if (stored is null)
        {
            return ArticleIdFormat.NotFound();
        }

        return ApiResults.Json(request, ArticleResponse.From(stored, _scorer, _clock.GetUtcNow()), _options.MaxAgeSeconds);
    }
}
