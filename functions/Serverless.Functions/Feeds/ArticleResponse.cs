using Serverless.Domain.Articles;
using Serverless.Domain.Feeds;
using Serverless.Domain.Scoring;
using Serverless.Domain.Stores;

namespace Serverless.Functions.Feeds;

/// <summary>The wire shape of GET /api/articles/{id}: the whole article and its score; the score's fields are null until it is scored.</summary>
/// <param name="Url">The article's own link (webUrl else originalUrl, tracking parameters removed), when it is an absolute http(s) URL.</param>
/// <param name="Heat">Its heat at the moment of the request.</param>
public sealed record ArticleResponse(
    Article Article,
    string? Url,
    double? Heat,
    double? BaseHeat,
    bool? Published,
    IReadOnlyList<string>? Topics,
    string? StoryId,
    int? StorySize,
    int? StoryProviders,
    DateTimeOffset IngestedAt)
{
    public static ArticleResponse From(StoredArticle stored, HeatScorer scorer, DateTimeOffset now)
    {
        var score = stored.Summary.Score;
        return new(
            stored.Article,
            ArticleLink.From(stored.Article.WebUrl, stored.Article.OriginalUrl),
            score is null ? null : scorer.HeatAt(score.BaseHeat, score.RankedAtOr(stored.Summary.EffectivePublished), now),
            score?.BaseHeat,
            score?.Published,
            score?.TopicIds,
            score?.StoryId,
            score?.StorySize,
            score?.StoryProviders,
            stored.Summary.IngestedAt);
    }
}
