namespace Serverless.Domain.Feeds;

public enum FeedFormat
{
    Json,
    JsonFeed,
    Rss,
    Atom,
}
