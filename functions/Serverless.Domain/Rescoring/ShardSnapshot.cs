namespace Serverless.Domain.Rescoring;

/// <summary>
/// One Articles shard as a rescoring run knew it: its records in id order, the storage time the shard was read at (rows
/// changed later are read again) and when, by the runs' clock, it was last read in full (for the age limit: snapshots
/// built on snapshots are read in full again once that is too old).
/// </summary>
public sealed record ShardSnapshot(IReadOnlyList<ScoringRecord> Records, DateTimeOffset ReadAt, DateTimeOffset FullReadAt);
