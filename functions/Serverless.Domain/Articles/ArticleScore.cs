namespace Serverless.Domain.Articles;

/// <summary>What scoring derives for an article; time-independent, so it only changes when the data does.</summary>
/// <param name="StoryId">The story the article belongs to (the smallest article id of its cluster).</param>
/// <param name="StorySize">How many distinct articles cover the story.</param>
/// <param name="StoryProviders">How many distinct outlets cover the story.</param>
/// <param name="BaseHeat">Heat at the moment of publication: quality lifted by coverage, before any decay.</param>
/// <param name="Published">Whether the article is worth showing in feeds.</param>
/// <param name="TopicIds">The taxonomy topic ids the article is listed under, parents included.</param>
public sealed record ArticleScore(
    string StoryId,
    int StorySize,
    int StoryProviders,
    double BaseHeat,
    bool Published,
    IReadOnlyList<string> TopicIds)
{
    /// <summary>
    /// The moment the heat decays from and the rank is computed at, as this score decided it: the article's own
    /// <see cref="ArticleSummary.RankedAt"/>, or for an undated article in a dated story, its story's newest dated
    /// member. Null in scores written before it was recorded: the article's published date then.
    /// </summary>
    public DateTimeOffset? RankedAt { get; init; }

    /// <summary>The story's articles as the heat formula counted them (<c>Scoring.CoverageRules</c>); null in older scores.</summary>
    public double? CountedArticles { get; init; }

    /// <summary>The story's outlets as the heat formula counted them; null in older scores.</summary>
    public double? CountedOutlets { get; init; }

    /// <summary>The moment to rank at: <see cref="RankedAt"/>, else <paramref name="published"/>.</summary>
    public DateTimeOffset RankedAtOr(DateTimeOffset published) => RankedAt ?? published;
}
