namespace Serverless.Domain.Maintenance;

/// <summary>
/// How far a pass has gone: the shard it is in (an index into <c>ArticleEntityCodec.Shards</c>), the last article id
/// it applied there, and its totals. A pass past the last shard is done.
/// </summary>
public sealed record ArchivePassCursor(string Step, int Shard, string? AfterId, long Read, long Changed, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt)
{
    public bool Done => FinishedAt is not null;

    public static ArchivePassCursor Start(string step, DateTimeOffset now) => new(step, 0, null, 0, 0, now, null);
}
