namespace Serverless.Domain.Rescoring;

/// <summary>What one rescoring run did.</summary>
/// <param name="ArticlesRead">Articles the run loaded and considered, from any store: the changed ones, their stories' members and the articles within the story window of their dates. Never the archive.</param>
/// <param name="ArticlesInWindow">Of those, the articles read from the day lookup around the changed articles' dates.</param>
/// <param name="ArticlesChanged">Scores written.</param>
/// <param name="ArticlesSuperseded">Scores not written because an ingest changed the article meanwhile (its journal entry brings it to the next run).</param>
/// <param name="StoriesTouched">Stories the changes joined, grew, split, merged or left.</param>
/// <param name="IndexRowsWritten">Topic index rows written.</param>
/// <param name="IndexRowsDeleted">Topic index rows deleted.</param>
/// <param name="TopicStatsWritten">Topic count, ledger and hottest-article writes.</param>
/// <param name="StoryRowsWritten">Story rows (members, heads, lookups) written and deleted.</param>
/// <param name="Changes">Articles in the journal entries dealt with (ingested, changed or removed since the last run).</param>
/// <param name="Duration">Wall-clock time of the run.</param>
public sealed record RescoreReport(
    int ArticlesRead,
    int ArticlesInWindow,
    int ArticlesChanged,
    int ArticlesSuperseded,
    int StoriesTouched,
    int IndexRowsWritten,
    int IndexRowsDeleted,
    int TopicStatsWritten,
    int StoryRowsWritten,
    int Changes,
    TimeSpan Duration)
{
    /// <summary>Where the time went, summed over the run's slices.</summary>
    public IReadOnlyList<(string Phase, TimeSpan Duration)> Phases { get; init; } = [];

    /// <summary>Slices of the journal the run took.</summary>
    public int Slices { get; init; }

    /// <summary>Journal entries removed (an article changed twice between runs has two).</summary>
    public int JournalEntriesRemoved { get; init; }

    /// <summary>Journal entries left for the next run (the run's time was up).</summary>
    public bool MoreWaiting { get; init; }

    /// <summary>Journal entries this run could not apply and set aside (they held up nothing behind them).</summary>
    public IReadOnlyList<SetAsideOutcome> SetAside { get; init; } = [];

    /// <summary>Set-aside entries this run put back into the journal (their retry time had come).</summary>
    public int Released { get; init; }

    /// <summary>Entries parked after their last attempt, waiting for an operator (RELIABILITY.md, runbook).</summary>
    public int Parked { get; init; }

    /// <summary>Every write the run issued: scores, index rows, stats, story rows and journal entries removed.</summary>
    public int Writes => ArticlesChanged + IndexRowsWritten + IndexRowsDeleted + TopicStatsWritten + StoryRowsWritten + JournalEntriesRemoved;
}
