namespace Serverless.Domain.Rescoring;

/// <summary>What a run did with one slice of the journal.</summary>
public sealed record RescoreSliceOutcome(
    int ArticlesRead,
    int ArticlesInWindow,
    int ArticlesChanged,
    int ArticlesSuperseded,
    int StoriesTouched,
    int IndexRowsWritten,
    int IndexRowsDeleted,
    int TopicStatsWritten,
    int StoryRowsWritten,
    int ArticlesJournaled,
    int JournalEntriesRemoved);
