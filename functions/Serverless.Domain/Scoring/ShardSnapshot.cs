namespace Serverless.Domain.Scoring;

/// <summary>
/// One Articles shard as a rescoring run knew it: its records in id order, the storage time the shard was read at (rows
/// changed later are read again) and when the run recorded it (by the run's clock, for the age limit).
/// </summary>
public sealed record ShardSnapshot(IReadOnlyList<ScoringRecord> Records, DateTimeOffset ReadAt, DateTimeOffset RecordedAt);
