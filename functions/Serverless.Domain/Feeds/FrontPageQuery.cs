using Microsoft.Extensions.Options;

namespace Serverless.Domain.Feeds;

/// <summary>Gathers the front page: topics with published articles, each with its top distinct stories.</summary>
public sealed class FrontPageQuery
{
    private readonly TopicFeedQuery _feeds;
    private readonly FeedOptions _options;

    public FrontPageQuery(TopicFeedQuery feeds, IOptions<FeedOptions> options)
    {
        _feeds = feeds;
        _options = options.Value;
    }

    public async Task<IReadOnlyList<(TopicInfo Topic, IReadOnlyList<FeedItem> Stories)>> GetAsync(CancellationToken cancellationToken)
    {
        var topics = (await _feeds.ListTopicsAsync(cancellationToken)).Where(t => t.ArticleCount > 0).ToList();
        var pages = await Task.WhenAll(topics.Select(async topic =>
        {
            var (items, _) = await _feeds.GetPageAsync(topic.Id, _options.FrontPageStories * 4, null, null, cancellationToken);
            // One line per story: the hottest article of each.
            IReadOnlyList<FeedItem> stories = items.DistinctBy(i => i.StoryId).Take(_options.FrontPageStories).ToList();
            return (topic, stories);
        }));
        return pages.Where(p => p.stories.Count > 0).ToList();
    }
}
