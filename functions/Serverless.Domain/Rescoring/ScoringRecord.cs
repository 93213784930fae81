using Serverless.Domain.Articles;
using Serverless.Domain.Scoring;
using Serverless.Domain.Stores;
using Serverless.Domain.Topics;

namespace Serverless.Domain.Rescoring;

/// <summary>
/// What a rescoring run needs of one article: its story features, topics, last score and stored version, and index rows
/// to look for again next run (<see cref="Recheck"/>).
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
    /// <summary>
    /// Rows a run deleted that an ingest still writing behind may have written after the delete: the next run deletes
    /// them again if they are there.
    /// </summary>
    public IReadOnlyList<TopicIndexRow> Recheck { get; init; } = [];

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
            [.. StoryMembers.RelatedProviders(summary)]);
    }
}
