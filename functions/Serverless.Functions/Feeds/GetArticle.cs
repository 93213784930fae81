using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Serverless.Domain.Feeds;
using Serverless.Domain.Scoring;
using Serverless.Domain.Stores;
using Serverless.Functions.Http;

namespace Serverless.Functions.Feeds;

/// <summary>GET /api/articles/{id}: one article with all its fields, related list included, and its current score.</summary>
public sealed partial class GetArticle
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
    [OpenApiStorageProblem]
    [Function(nameof(GetArticle))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "articles/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var stored = ArticleId().IsMatch(id) ? await _articles.GetAsync(id, cancellationToken) : null;
        if (stored is null)
        {
            return ApiResults.Problem(404, "No such article", "No article has this id. Article ids are the 32 hex digits found in feeds and upload statuses.");
        }

        return ApiResults.Json(request, ArticleResponse.From(stored, _scorer, _clock.GetUtcNow()), _options.MaxAgeSeconds);
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex ArticleId();
}
