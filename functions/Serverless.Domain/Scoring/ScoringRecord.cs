using Serverless.Domain.Articles;
using Serverless.Domain.Topics;

namespace Serverless.Domain.Scoring;

/// <summary>
/// What a rescoring run needs of one article: its story features, topics, last score and stored version.
/// </summary>
public sealed record ScoringRecord(
    string Id,
    string? Version,
    int? Quality,
    DateTimeOffset Published,
    ArticleScore? Score,
    IReadOnlyList<string> Topics,
    StoryMember Member,
    UInt128[] RelatedIds,
    ulong[] RelatedProviders)
{
    public static ScoringRecord From(ArticleSummary summary, TopicTaxonomy taxonomy, int defaultQuality)
    {
        var topics = taxonomy.Resolve(summary.Topics, summary.Title, summary.Excerpt);
        if (topics.Count == 0 && summary.Score is { } old)
        {
            // Untagged plain text was matched on its body at ingest, which the summary does not carry.
            topics = old.TopicIds;
        }

        return new ScoringRecord(
            summary.Id,
            summary.Version,
            summary.Quality,
            summary.RankedAt,
            summary.Score,
            topics,
            StoryMembers.From(summary, defaultQuality),
            [.. StoryMembers.RelatedIds(summary)],
            [.. StoryMembers.RelatedProviders(summary)]);
    }
}
