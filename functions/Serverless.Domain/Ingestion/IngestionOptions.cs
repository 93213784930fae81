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
}
