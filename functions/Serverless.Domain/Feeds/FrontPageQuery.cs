using Microsoft.Extensions.Options;
using Serverless.Domain.Scoring;
using Serverless.Domain.Stores;

namespace Serverless.Domain.Feeds;

/// <summary>
/// Gathers the front page: topics with published articles, each with its top distinct stories, read from the topic's
/// story listing (one range read of as many rows as it shows, however large a story is).
/// </summary>
public sealed class FrontPageQuery
{
    private readonly TopicFeedQuery _feeds;
    private readonly StoryStore _stories;
    private readonly HeatScorer _scorer;
    private readonly TimeProvider _clock;
    private readonly FeedOptions _options;

    public FrontPageQuery(TopicFeedQuery feeds, StoryStore stories, HeatScorer scorer, TimeProvider clock, IOptions<FeedOptions> options)
    {
        _feeds = feeds;
        _stories = stories;
        _scorer = scorer;
        _clock = clock;
        _options = options.Value;
    }

    public async Task<IReadOnlyList<(TopicInfo Topic, IReadOnlyList<StoryListing> Stories)>> GetAsync(CancellationToken cancellationToken)
    {
        var topics = (await _feeds.ListTopicsAsync(cancellationToken)).Where(t => t.ArticleCount > 0).ToList();
        var now = _clock.GetUtcNow();
        var pages = await Task.WhenAll(topics.Select(async topic =>
        {
            var heads = await _stories.ReadListingsAsync(topic.Id, _options.FrontPageStories, cancellationToken);
            IReadOnlyList<StoryListing> stories = heads
                .Select(h => new StoryListing(h, h.HottestPublished is { } published ? _scorer.HeatAt(h.HottestBaseHeat, published, now) : 0))
                .ToList();
            return (topic, stories);
        }));
        return pages.Where(p => p.stories.Count > 0).ToList();
    }
}
