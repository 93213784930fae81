using Azure;

namespace Serverless.Domain.Stores;

/// <summary>A journal entry kept apart because runs failed on it (see <see cref="ChangeJournalStore"/>).</summary>
/// <param name="Key">The journal entry's key.</param>
/// <param name="ArticleId">The article it changes.</param>
/// <param name="Stale">The replaced version's index rows, as the journal holds them.</param>
/// <param name="Attempts">Runs that failed on it.</param>
/// <param name="Error">The last failure.</param>
/// <param name="SetAsideAt">When it was last set aside.</param>
/// <param name="RetryAt">When it goes back into the journal; null: parked.</param>
/// <param name="Version">The row's version, so a release removes only what it read.</param>
public sealed record SetAsideEntry(string Key, string ArticleId, string? Stale, int Attempts, string Error, DateTimeOffset SetAsideAt, DateTimeOffset? RetryAt, ETag Version)
{
    public bool Parked => RetryAt is null;
}
