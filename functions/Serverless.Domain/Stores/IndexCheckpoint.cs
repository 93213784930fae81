using Azure;

namespace Serverless.Domain.Stores;

/// <summary>
/// A known topic index (see <see cref="TopicStatsStore"/>): <see cref="Fingerprint"/> names the article versions
/// whose rows the index holds (null when none is known), <see cref="SweptAt"/> when a run last listed the whole index.
/// </summary>
public sealed record IndexCheckpoint(string? Fingerprint, DateTimeOffset? RecordedAt, DateTimeOffset? SweptAt, ETag ETag);
