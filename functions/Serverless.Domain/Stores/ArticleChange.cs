using Azure;

namespace Serverless.Domain.Stores;

/// <summary>
/// One entry of the change journal: an article an ingest (or a removal) changed since the last rescoring run, and
/// the index rows of the version it replaced, which the run deletes unless the new score needs them.
/// </summary>
/// <param name="Key">The entry's key: publication day, article id, and the replaced version.</param>
/// <param name="ArticleId">The article that changed.</param>
/// <param name="StaleRows">The replaced version's index rows (none for a new article).</param>
/// <param name="Version">The entry's own version: a run removes it only if no ingest wrote it again meanwhile.</param>
public sealed record ArticleChange(string Key, string ArticleId, IReadOnlyList<TopicIndexRow> StaleRows, ETag Version)
{
    /// <summary>Runs that failed on this entry before (it came back from being set aside).</summary>
    public int Attempts { get; init; }
}
