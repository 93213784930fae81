namespace Serverless.Domain.Rescoring;

/// <summary>What one rescoring run did.</summary>
public sealed record RescoreReport(
    int ArticlesRead,
    int ArticlesChanged,
    int ArticlesSuperseded,
    int Stories,
    int IndexRowsWritten,
    int IndexRowsDeleted,
    int TopicStatsWritten,
    TimeSpan Duration)
{
    /// <summary>Where the time went: read, cluster, scores, index sweep, index rows written and deleted, stats, snapshots.</summary>
    public IReadOnlyList<(string Phase, TimeSpan Duration)> Phases { get; init; } = [];

    /// <summary>Whether the run knew the index from the last clean run's checkpoint, and so wrote only what changed without sweeping.</summary>
    public bool IndexVerified { get; init; }

    /// <summary>Whether this run left the index exactly as its scores say and recorded that, so the next run may skip the sweep.</summary>
    public bool IndexCheckpointed { get; init; }

    /// <summary>Rows read from the Articles table: all of them, or only those changed since the shards' snapshots.</summary>
    public int ArticlesFetched { get; init; }

    /// <summary>Every write the run issued (entity updates, index upserts and deletes, stats).</summary>
    public int Writes => ArticlesChanged + IndexRowsWritten + IndexRowsDeleted + TopicStatsWritten;
}
