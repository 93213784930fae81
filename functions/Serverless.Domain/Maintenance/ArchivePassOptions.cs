using System.ComponentModel.DataAnnotations;

namespace Serverless.Domain.Maintenance;

/// <summary>How much of the archive one run of the archive passes may go through (section <c>Maintenance</c>).</summary>
public sealed class ArchivePassOptions
{
    public const string SectionName = "Maintenance";

    /// <summary>
    /// Articles one run reads, over all passes. Each is one entity of a range read (its document included), so a run
    /// costs about this many divided by 1,000 requests plus the writes of what it changes.
    /// </summary>
    [Range(1, 100_000)]
    public int ArticlesPerRun { get; set; } = 2_000;
}
