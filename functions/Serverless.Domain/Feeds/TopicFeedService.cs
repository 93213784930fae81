namespace Serverless.Domain.Feeds;

/// <summary>
/// Serves pages of a topic feed to clients: finds the topic, accepts only a cursor this service issued for it (see
/// <see cref="FeedCursor"/>), reads the page and issues the cursor of the next one.
/// </summary>
public sealed class TopicFeedService
{
    private readonly TopicFeedQuery _feeds;
    private readonly FeedCursor _cursors;

    public TopicFeedService(TopicFeedQuery feeds, FeedCursor cursors)
    {
        _feeds = feeds;
        _cursors = cursors;
    }

    /// <summary>Up to <paramref name="limit"/> items of the topic, hottest first, from <paramref name="cursor"/> (none or empty: from the top).</summary>
    public async Task<TopicFeedResult> GetPageAsync(string topicId, int limit, double? minHeat, string? cursor, CancellationToken cancellationToken)
    {
        var topic = await _feeds.GetTopicAsync(topicId, cancellationToken);
        if (topic is null)
        {
            return TopicFeedResult.NoSuchTopic;
        }

        string? after = null;
        if (!string.IsNullOrEmpty(cursor) && (after = _cursors.Decode(topic.Id, cursor)) is null)
        {
            return TopicFeedResult.InvalidCursor;
        }

        var (items, lastRowKey) = await _feeds.GetPageAsync(topic.Id, limit, after, minHeat, cancellationToken);
        return new TopicFeedResult(TopicFeedOutcome.Page, topic, items, lastRowKey is null ? null : _cursors.Encode(topic.Id, lastRowKey));
    }
}
