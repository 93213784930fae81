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
            summary.EffectivePublished,
            summary.Score,
            topics,
            StoryMembers.From(summary, defaultQuality),
            [.. StoryMembers.RelatedIds(summary)],
            [.. StoryMembers.RelatedProviders(summary)])
        {
            OwnRankedAt = summary.RankedAt,
        };
    }

    /// <summary>
    /// When its heat decays from by its own fields (<see cref="ArticleSummary.RankedAt"/>: a future date held to the
    /// first ingest); <see cref="Published"/> in records stored before it was kept.
    /// </summary>
    public DateTimeOffset? OwnRankedAt { get; init; }

    /// <summary>The moment its index rows are keyed at under its score: the score's, else its published date (as rows of older scores were keyed).</summary>
    public DateTimeOffset RowMoment => Score?.RankedAt ?? Published;
}
