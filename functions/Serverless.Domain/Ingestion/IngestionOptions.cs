using System.ComponentModel.DataAnnotations;

namespace Serverless.Domain.Ingestion;

public sealed class IngestionOptions
{
    public const string SectionName = "Ingestion";

    /// <summary>Largest file accepted, in bytes (app setting <c>Ingestion__MaxFileBytes</c>); default 5 MiB.</summary>
    [Range(1_024, 256 * 1024 * 1024)]
    public long MaxFileBytes { get; set; } = 5 * 1024 * 1024;
}
