using System.ComponentModel.DataAnnotations;

namespace Serverless.Domain.Feeds;

public sealed class FeedOptions
{
    public const string SectionName = "Feeds";

    /// <summary>Signs paging cursors so a tampered one is refused; set a long random value per deployment.</summary>
    [Required]
    [MinLength(16)]
    public string CursorSecret { get; set; } = "local-development-cursor-secret";

    /// <summary>Cache-Control max-age of feed and topic responses, in seconds.</summary>
    [Range(0, 3600)]
    public int MaxAgeSeconds { get; set; } = 60;

    /// <summary>
    /// Seconds a feed page read from storage is reused for identical requests (0 turns it off). Many readers poll the
    /// same first pages; a few seconds of reuse saves storage transactions and a few seconds' staleness of a feed that
    /// changes on ingest is invisible.
    /// </summary>
    [Range(0, 300)]
    public int PageCacheSeconds { get; set; } = 5;

    /// <summary>Stories shown per topic on the front page.</summary>
    [Range(1, 50)]
    public int FrontPageStories { get; set; } = 5;
}
