using Serverless.Domain.Rescoring;


namespace Serverless.Functions.Scoring;

/// <summary>The wire shape of what a rescoring run did (POST /api/admin/rescore).</summary>
/// <param name="ArticlesFetched">Rows read from the Articles table: all, or only those changed since the shards' snapshots.</param>
/// <param name="Writes">Every write the run issued: entity updates, index upserts and deletes, stats.</param>
/// <param name="IndexVerified">Whether the run knew the index from the last clean run's checkpoint and so did not sweep.</param>
/// <param name="DurationMs">Wall-clock time of the run, rounded to the millisecond.</param>
public sealed record RescoreReportResponse(
    int ArticlesRead,
    int ArticlesFetched,
    int ArticlesChanged,
    int ArticlesSuperseded,
    int Stories,
    int IndexRowsWritten,
    int IndexRowsDeleted,
    int TopicStatsWritten,
    int Writes,
    bool IndexVerified,
    double DurationMs)
{
    public static RescoreReportResponse From(RescoreReport report) => new(
        report.ArticlesRead,
        report.ArticlesFetched,
        report.ArticlesChanged,
        report.ArticlesSuperseded,
        report.Stories,
        report.IndexRowsWritten,
        report.IndexRowsDeleted,
        report.TopicStatsWritten,
        report.Writes,
        report.IndexVerified,
        Math.Round(report.Duration.TotalMilliseconds));
}
