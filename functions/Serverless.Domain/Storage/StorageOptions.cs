using System.ComponentModel.DataAnnotations;

namespace Serverless.Domain.Storage;

/// <summary>Names of the containers and tables the pipeline uses (app settings, so two apps can share an account).</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration key of the storage connection, shared with the Functions host.</summary>
    public const string ConnectionName = "AzureWebJobsStorage";

    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "ArticlesContainer must be a valid blob container name (3-63 lower-case letters, digits and single hyphens).")]
    public string ArticlesContainer { get; set; } = "articles";

    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "DocumentsContainer must be a valid blob container name.")]
    public string DocumentsContainer { get; set; } = "article-documents";

    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "ArticlesTable must be a valid table name (letters and digits, 3-63, starting with a letter).")]
    public string ArticlesTable { get; set; } = "Articles";

    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "IngestStatusTable must be a valid table name.")]
    public string IngestStatusTable { get; set; } = "IngestStatus";

    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "TopicIndexTable must be a valid table name.")]
    public string TopicIndexTable { get; set; } = "TopicIndex";

    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "TopicStatsTable must be a valid table name.")]
    public string TopicStatsTable { get; set; } = "TopicStats";

    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "MaintenanceTable must be a valid table name.")]
    public string MaintenanceTable { get; set; } = "Maintenance";

    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "StoriesTable must be a valid table name.")]
    public string StoriesTable { get; set; } = "Stories";

    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "ChangesTable must be a valid table name.")]
    public string ChangesTable { get; set; } = "Changes";

    /// <summary>The record of takedowns, restores and retractions.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "AuditTable must be a valid table name.")]
    public string AuditTable { get; set; } = "Audit";
}
