using Azure;

namespace Serverless.Domain.Scoring;

/// <summary>A verified topic index (see <see cref="IndexCheckpointStore"/>); <see cref="Fingerprint"/> is null when none is.</summary>
public sealed record IndexCheckpoint(string? Fingerprint, DateTimeOffset? RecordedAt, ETag ETag);
