using System.ComponentModel.DataAnnotations;

namespace Serverless.Domain.Ingestion;

public sealed class IngestionOptions
{
    public const string SectionName = "Ingestion";

    /// <summary>Largest file accepted, in bytes (app setting <c>Ingestion__MaxFileBytes</c>); default 5 MiB.</summary>
    [Range(1_024, 256 * 1024 * 1024)]
    public long MaxFileBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>
    /// How long an upload may stay without an outcome before the recovery timer ingests it (app setting
    /// <c>Ingestion__RecoverAfterSeconds</c>); default 5 minutes, longer than a trigger's own retries take.
    /// </summary>
    [Range(1, 7 * 24 * 3600)]
    public int RecoverAfterSeconds { get; set; } = 300;

    /// <summary>
    /// Listing pages of the articles container one recovery run walks (app setting <c>Ingestion__RecoverPagesPerRun</c>);
    /// default 10, that is 50,000 names a run: a run's work stays bounded, and a full pass over 1,000,000 blobs takes
    /// 20 runs. The next run resumes where this one stopped.
    /// </summary>
    [Range(1, 1_000)]
    public int RecoverPagesPerRun { get; set; } = 10;

    /// <summary>
    /// Names per listing page of the recovery walk (app setting <c>Ingestion__RecoverPageSize</c>); default and most
    /// 5,000, the service's largest page. Smaller pages only make sense in tests.
    /// </summary>
    [Range(1, 5_000)]
    public int RecoverPageSize { get; set; } = 5_000;

    /// <summary>
    /// Listing pages of the articles container one reconcile run walks to find deleted uploads (app setting
    /// <c>Ingestion__ReconcilePagesPerRun</c>); default 10, that is 50,000 names a run, as for the recovery walk.
    /// </summary>
    [Range(1, 1_000)]
    public int ReconcilePagesPerRun { get; set; } = 10;
}
