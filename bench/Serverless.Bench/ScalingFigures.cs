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

    /// <summary>Rows read from the Stories table (node, member, head and day rows).</summary>
    public int StoryRowsRead { get; init; }

    /// <summary>Rescoring runs it took to empty the journal (after a bulk load, several).</summary>
    public int Runs { get; init; } = 1;

    /// <summary>The last run stopped at its time limit with journal entries left for the next one.</summary>
    public bool MoreWaiting { get; init; }

    public int ArticlesInWindow { get; init; }

    public int StoriesTouched { get; init; }
}
