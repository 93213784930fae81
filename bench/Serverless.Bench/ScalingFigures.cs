namespace Serverless.Bench;

/// <summary>What one rescoring run of the scaling benchmark cost (the shape of <c>.artifacts/bench/scaling.json</c>).</summary>
public sealed record ScalingFigures(
    double Seconds,
    int ArticlesRead,
    int ArticleRowsRead,
    int IndexRowsRead,
    int Requests,
    int Writes,
    double PeakWorkingSetMiB,
    double AllocatedMiB)
{
    /// <summary>The same reads, sent again raw: what Azurite alone takes for them on these tables.</summary>
    public double RawReadSeconds { get; init; }
}
