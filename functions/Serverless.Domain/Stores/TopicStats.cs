namespace Serverless.Domain.Stores;

/// <summary>
/// A topic's size (published articles) and its hottest article, as the last rescoring left them, and the name it is shown by when the
/// taxonomy does not define it: the first spelling an ingest saw (<see cref="NameSeenAt"/>), the ordinally smallest
/// of spellings seen in the same second.
/// </summary>
public sealed record TopicStats(string TopicId, string Name, string? ParentId, int Articles, double TopBaseHeat, DateTimeOffset? TopPublished)
{
    /// <summary>When an ingest first saw the topic's <see cref="Name"/> (whole seconds); null for taxonomy topics and rows older than names.</summary>
    public DateTimeOffset? NameSeenAt { get; init; }

    /// <summary>All articles listed under the topic, published or not; null in rows counted before the ledger (their counts are recounted).</summary>
    public int? Listed { get; init; }

    /// <summary>The stored row's version, so counts are written only over what was read.</summary>
    public Azure.ETag Version { get; init; }
}
