namespace Serverless.Domain.Stores;

/// <summary>Why and until when a journal entry is set aside.</summary>
/// <param name="Attempts">How many runs have failed on it, this one included.</param>
/// <param name="Error">What the storage or the plan refused, in words.</param>
/// <param name="SetAsideAt">When this run set it aside.</param>
/// <param name="RetryAt">When it goes back into the journal; null: parked until an operator releases it.</param>
public sealed record SetAsideChange(int Attempts, string Error, DateTimeOffset SetAsideAt, DateTimeOffset? RetryAt);
