namespace Serverless.Domain.Maintenance;

/// <summary>What one run of the archive passes did: per step, where it stands now and what this run read and changed.</summary>
public sealed record ArchivePassReport(IReadOnlyList<ArchivePassProgress> Steps)
{
    public int ArticlesRead => Steps.Sum(s => s.ReadThisRun);

    public int ArticlesChanged => Steps.Sum(s => s.ChangedThisRun);
}
