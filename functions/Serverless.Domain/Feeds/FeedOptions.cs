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

    /// <summary>Stories shown per topic on the front page.</summary>
    [Range(1, 50)]
    public int FrontPageStories { get; set; } = 5;
}
