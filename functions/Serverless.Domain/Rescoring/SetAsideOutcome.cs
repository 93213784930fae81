namespace Serverless.Domain.Rescoring;

/// <summary>A journal entry a run could not apply, and what became of it.</summary>
/// <param name="ArticleId">The article whose change failed.</param>
/// <param name="Attempts">Runs that have failed on it, this one included.</param>
/// <param name="Error">What was refused.</param>
/// <param name="RetryAt">When it is tried again; null: parked for an operator.</param>
public sealed record SetAsideOutcome(string ArticleId, int Attempts, string Error, DateTimeOffset? RetryAt);
