namespace Serverless.Domain.Feeds;

/// <summary>A page of a topic's feed: the topic's published articles, hottest first.</summary>
public sealed record TopicFeedSubject(TopicInfo Topic)
    : FeedSubject($"{Topic.Name} — hottest news", $"Published articles about {Topic.Name}, hottest first.")
{
    public override object ToJsonResponse(FeedPage page) => new TopicFeedResponse(Topic, page.Items, page.Links.Next?.AbsoluteUri);
}
