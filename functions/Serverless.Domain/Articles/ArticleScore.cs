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
    IReadOnlyList<string> TopicIds);
