using Serverless.Domain.Articles;
using Serverless.Domain.Feeds;
using Serverless.Domain.Scoring;
using Serverless.Domain.Stores;
using Serverless.Domain.Topics;

namespace Serverless.Domain.Ingestion;

/// <summary>
/// Ingest-time scoring: a provisional story from the article's own related list (the articles and outlets it names),
/// kept from the previous version when that one had a larger story, so a new article shows up in its feeds within
/// seconds. Every change is first written to the change journal, from which the rescoring run joins it to its story.
/// </summary>
public sealed class ArticleIndexer : IArticleIndexer
{
    private readonly HeatScorer _scorer;
    private readonly TopicTaxonomy _taxonomy;
    private readonly TopicIndexStore _index;
    private readonly FeedCacheInvalidator _feedCaches;
    private readonly TopicStatsStore _topics;
    private readonly ChangeJournalStore _journal;

    public ArticleIndexer(HeatScorer scorer, TopicTaxonomy taxonomy, TopicIndexStore index, TopicStatsStore topics, ChangeJournalStore journal, FeedCacheInvalidator feedCaches)
    {
        _journal = journal;
        _topics = topics;
        _feedCaches = feedCaches;
        _scorer = scorer;
        _taxonomy = taxonomy;
        _index = index;
    }

    public Task<ArticleSummary> ScoreNewAsync(Article article, ArticleSummary summary, ArticleSummary? previous, CancellationToken cancellationToken)
    {
        var sketch = TextSketch.Encode(TextSketch.Compute(TextSketch.TextOf(article)));
        // The story its own related list makes, counted by the same rules as the run's: one file's say is bounded here too.
        var member = StoryMembers.From(summary, _scorer.Options.DefaultQuality);
        var outlets = StoryMembers.RelatedProviders(summary).Append(member.ProviderHash).Where(o => o != 0).Distinct().Count();
        var citer = new CoverageRules.Citer(member.ProviderHash, member.Id, [.. StoryMembers.RelatedIds(summary)], [.. StoryMembers.RelatedProviders(summary)]);
        var (counted, countedOutlets) = CoverageRules.Count([citer], _ => true, _scorer.Options);
        var story = new StoryCoverage(article.Id, 1 + summary.RelatedIds.Count, Math.Max(1, outlets), summary.Quality ?? _scorer.Options.DefaultQuality)
        {
            CountedArticles = counted,
            CountedOutlets = countedOutlets,
        };
        if (previous?.Score is { } earlier && earlier.StorySize > story.Articles)
        {
            // Kept until the run decides again; its counts are the shown ones, bounded by the lift's ceiling.
            story = new StoryCoverage(earlier.StoryId, earlier.StorySize, Math.Max(earlier.StoryProviders, story.Providers), story.MaxQuality)
            {
                // Scores from before the trust rules kept no counts: they lend nothing their file could not claim itself.
                CountedArticles = Math.Max(counted, earlier.CountedArticles ?? counted),
                CountedOutlets = Math.Max(countedOutlets, earlier.CountedOutlets ?? countedOutlets),
            };
        }

        var topics = _taxonomy.Resolve(article.Topics, article.Title, article.Body ?? article.Excerpt);
        // An undated article a run aged with its dated story keeps that age while it keeps that story.
        var rankedAt = summary.PublishedDateTime is null && story.StoryId == previous?.Score?.StoryId && previous.Score.RankedAt is { } aged ? aged : summary.RankedAt;
        var score = Score(summary.Quality, story, topics) with { RankedAt = rankedAt };
        return Task.FromResult(summary with { TextSignature = sketch, Score = score });
    }

    public Task RecordChangeAsync(ArticleSummary current, ArticleSummary? previous, CancellationToken cancellationToken) =>
        _journal.RecordAsync(
            current.Id,
            current.EffectivePublished,
            previous?.Version,
            previous is null ? [] : _index.RowsFor(previous.Id, previous.Score, previous.EffectivePublished),
            cancellationToken);

    public async Task IndexAsync(ArticleSummary? previous, ArticleSummary current, CancellationToken cancellationToken)
    {
        var before = previous is null ? [] : _index.RowsFor(previous.Id, previous.Score, previous.EffectivePublished);
        var after = _index.RowsFor(current.Id, current.Score, current.EffectivePublished);
        // A topic the taxonomy lacks is listed, and its feed served, from its first article on, under the article's spelling.
        await _topics.RecordSpellingsAsync(_taxonomy.UndefinedSpellings(current.Topics), current.IngestedAt, cancellationToken);
        await _index.ReplaceAsync(before, after, current, cancellationToken);
        // Before the status says ingested: this instance's feeds show the new rows (and lose the removed ones) at once.
        _feedCaches.Invalidate(before.Concat(after).Select(row => row.TopicId).ToHashSet(StringComparer.Ordinal));
    }

    public async Task UnindexAsync(ArticleSummary withdrawn, CancellationToken cancellationToken)
    {
        var rows = _index.RowsFor(withdrawn.Id, withdrawn.Score, withdrawn.EffectivePublished);
        await _index.DeleteRowsAsync(rows, cancellationToken);
        _feedCaches.Invalidate(rows.Select(row => row.TopicId).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The score of an article with the given story and topics.</summary>
    public ArticleScore Score(int? quality, StoryCoverage story, IReadOnlyList<string> topics)
    {
        var baseHeat = _scorer.BaseHeat(quality, story);
        return new ArticleScore(story.StoryId, story.Articles, story.Providers, baseHeat, _scorer.IsPublished(baseHeat), topics)
        {
            CountedArticles = story.CountedArticles,
            CountedOutlets = story.CountedOutlets,
        };
    }
}
