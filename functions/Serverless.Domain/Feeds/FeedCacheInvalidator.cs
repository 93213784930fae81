namespace Serverless.Domain.Feeds;

/// <summary>
/// The seam between ingestion and the serve stage's in-process caches: the indexer reports the topics an ingest wrote
/// to or removed rows from, and the feed query drops their cached pages and the topic stats, so an article is on its
/// feeds (and the front page) once its status says ingested. Other instances keep their caches up to
/// <see cref="FeedOptions.PageCacheSeconds"/>.
/// </summary>
public sealed class FeedCacheInvalidator
{
    /// <summary>Raised with the topics whose cached pages are stale.</summary>
    public event Action<IReadOnlyCollection<string>>? TopicsChanged;

    public void Invalidate(IReadOnlyCollection<string> topics) => TopicsChanged?.Invoke(topics);
}
