using Serverless.Domain.Rescoring;

namespace Serverless.Functions.Scoring;

/// <summary>The wire shape of what a rescoring run did (POST /api/manage/rescore).</summary>
/// <param name="Changes">Journal entries (articles ingested, changed or removed since the last run) the run dealt with.</param>
/// <param name="ArticlesRead">Articles the run loaded and considered: the changed ones, their stories' members and the window of their dates.</param>
/// <param name="ArticlesInWindow">Of those, the articles published within the story window of a changed article's date.</param>
/// <param name="StoriesTouched">Stories the changes joined, grew, split, merged or left.</param>
/// <param name="Writes">Every write the run issued: scores, index rows, stats, story rows and journal entries.</param>
/// <param name="MoreWaiting">Whether the run's time ran out with changes left for the next run.</param>
/// <param name="DurationMs">Wall-clock time of the run, rounded to the millisecond.</param>
/// <param name="SetAside">Journal entries the run could not apply and set aside (article, attempts, error, retry time; none: parked).</param>
/// <param name="Released">Set-aside entries put back into the journal because their retry time had come.</param>
/// <param name="Parked">Entries parked after their last attempt, waiting for an operator.</param>
public sealed record RescoreReportResponse(
    int Changes,
    int ArticlesRead,
    int ArticlesInWindow,
    int StoriesTouched,
    int ArticlesChanged,
    int ArticlesSuperseded,
    int IndexRowsWritten,
    int IndexRowsDeleted,
    int TopicStatsWritten,
    int StoryRowsWritten,
    int Writes,
    bool MoreWaiting,
    double DurationMs,
    IReadOnlyList<SetAsideOutcome> SetAside,
    int Released,
    int Parked)
{
    public static RescoreReportResponse From(RescoreReport report) => new(
        report.Changes,
        report.ArticlesRead,
        report.ArticlesInWindow,
        report.StoriesTouched,
        report.ArticlesChanged,
        report.ArticlesSuperseded,
        report.IndexRowsWritten,
        report.IndexRowsDeleted,
        report.TopicStatsWritten,
        report.StoryRowsWritten,
        report.Writes,
        report.MoreWaiting,
        Math.Round(report.Duration.TotalMilliseconds),
        report.SetAside,
        report.Released,
        report.Parked);
}
