using System.ComponentModel.DataAnnotations;

namespace Serverless.Domain.Feeds;

public sealed class FeedOptions : IValidatableObject
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

    /// <summary>
    /// The public address every absolute link is built from (e.g. the Front Door or CDN endpoint). Unset (the local
    /// default): links name the request's own scheme and host. Forwarding headers are never read.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary><see cref="PublicBaseUrl"/> as an absolute http(s) URI ending in '/', or null when unset.</summary>
    public Uri? PublicBase => string.IsNullOrWhiteSpace(PublicBaseUrl) ? null : new Uri(PublicBaseUrl.Trim().TrimEnd('/') + "/");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(PublicBaseUrl)
            && !(Uri.TryCreate(PublicBaseUrl.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                 && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo)))
        {
            yield return new ValidationResult(
                $"Feeds:PublicBaseUrl must be an absolute http(s) URL without query, fragment or user info, such as https://news.example.com; got '{PublicBaseUrl}'.",
                [nameof(PublicBaseUrl)]);
        }
    }
}
