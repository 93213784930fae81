using Serverless.Domain.Articles;
using Serverless.Domain.Stores;

namespace Serverless.Domain.Scoring;

/// <summary>
/// Turns planned stories into score and index writes, without storage: each member of a touched story is scored with
/// its story's coverage, and written when its score differs from the stored one. A changed article's rows are
/// written whatever its score (its ingest wrote them behind, and a crash may have lost that), and the rows of the
/// version it replaced are deleted unless its new score keeps them; a removed article loses all its rows.
/// </summary>
public static class RescorePlanner
{
    /// <param name="stories">The run's story plan.</param>
    /// <param name="set">What the run loaded.</param>
    /// <param name="staleRows">The rows of replaced versions, by changed article (from the journal).</param>
    /// <param name="removed">The removed articles with the score they were last stored with (null: none).</param>
    /// <param name="score">The heat formula: an article's score from its quality, story and topics.</param>
    /// <param name="rowsFor">The index rows of an article with a score, published at a moment.</param>
    public static List<ScoreChange> Plan(
        StoryPlan stories,
        StoryWorkingSet set,
        IReadOnlyDictionary<string, IReadOnlyList<TopicIndexRow>> staleRows,
        IReadOnlyDictionary<string, (ArticleScore? Score, DateTimeOffset Published)> removed,
        Func<int?, StoryCoverage, IReadOnlyList<string>, ArticleScore> score,
        Func<string, ArticleScore?, DateTimeOffset, IReadOnlyList<TopicIndexRow>> rowsFor)
    {
        var changes = new List<ScoreChange>();
        foreach (var story in stories.Stories)
        {
            var newestDated = NewestDated(story, set);
            foreach (var member in story.Members.Where(m => m.Article >= 0))
            {
                var candidate = set.Articles[member.Article];
                var record = candidate.Record;
                // An undated article (plain text) ages with the dated story it joined, not from its ingest.
                var rankedAt = record.Member.PublishedTicks is null && newestDated is { } storyDate ? storyDate : record.OwnRankedAt ?? record.Published;
                var next = score(record.Quality, story.Coverage, record.Topics) with { RankedAt = rankedAt };
                var changed = !Same(record.Score, next);
                if (!changed && !candidate.Journaled)
                {
                    continue;
                }

                var rows = rowsFor(record.Id, next, record.Published);
                var stale = rowsFor(record.Id, record.Score, record.Published)
                    .Concat(staleRows.GetValueOrDefault(record.Id) ?? [])
                    .Except(rows)
                    .Distinct()
                    .ToList();
                changes.Add(new ScoreChange(member.Article, record.Id, next, changed, rows, stale));
            }
        }

        foreach (var (id, (old, published)) in removed.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var stale = rowsFor(id, old, published).Concat(staleRows.GetValueOrDefault(id) ?? []).Distinct().ToList();
            changes.Add(new ScoreChange(-1, id, null, false, [], stale));
        }

        return changes;
    }

    private static DateTimeOffset? NewestDated(PlannedStory story, StoryWorkingSet set) =>
        story.Members
            .Where(m => m.Article >= 0 && set.Articles[m.Article].Record.Member.PublishedTicks is not null)
            .Select(m => (DateTimeOffset?)(set.Articles[m.Article].Record.OwnRankedAt ?? set.Articles[m.Article].Record.Published))
            .Max();

    /// <summary>Whether two scores are the same in every field a write would change.</summary>
    public static bool Same(ArticleScore? old, ArticleScore current) =>
        old is not null &&
        old.StoryId == current.StoryId &&
        old.StorySize == current.StorySize &&
        old.StoryProviders == current.StoryProviders &&
        old.CountedArticles.Equals(current.CountedArticles) &&
        old.CountedOutlets.Equals(current.CountedOutlets) &&
        old.BaseHeat.Equals(current.BaseHeat) &&
        old.Published == current.Published &&
        old.RankedAt == current.RankedAt &&
        old.TopicIds.SequenceEqual(current.TopicIds, StringComparer.Ordinal);
}
