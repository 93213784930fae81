namespace Serverless.Domain.Stores;

/// <summary>
/// One row of the topic index as stored: its key and what a feed item shows of the article (see
/// <see cref="TopicIndexStore"/>). Columns a row lacks read as their defaults.
/// </summary>
/// <param name="PublishedDateTime">When the article was published (else ingested); null in rows that lack it.</param>
/// <param name="BaseHeat">The heat at publication, from which the heat at any moment is computed.</param>
public sealed record TopicIndexEntry(
    string RowKey,
    string ArticleId,
    string Title,
    string? Excerpt,
    string? Url,
    DateTimeOffset? PublishedDateTime,
    string? ProviderName,
    string? ProviderDomain,
    string? ImageUrl,
    double BaseHeat,
    IReadOnlyList<string> Topics,
    string StoryId,
    int StorySize)
{
    /// <summary>When the heat decays from (<see cref="Articles.ArticleScore.RankedAt"/>); rows written before it was recorded use <see cref="PublishedDateTime"/>.</summary>
    public DateTimeOffset? RankedAt { get; init; }
}
