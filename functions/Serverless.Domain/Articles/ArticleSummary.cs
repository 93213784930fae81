namespace Serverless.Domain.Articles;

/// <summary>
/// The small, fixed-size part of an article that scoring and feeds need: a row of the Articles table without its
/// document. Text fields are bounded (see <c>Stores.ArticleEntityCodec</c>); the full article is kept whole
/// in its document.
/// </summary>
public sealed record ArticleSummary
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public string? Excerpt { get; init; }

    /// <summary>The link a reader follows (<see cref="ArticleLink"/>): webUrl else originalUrl as uploaded, never the canonical identity URL.</summary>
    public string? Url { get; init; }

    public DateTimeOffset? PublishedDateTime { get; init; }

    public string? ProviderName { get; init; }

    public string? ProviderDomain { get; init; }

    public int? Quality { get; init; }

    public IReadOnlyList<string> Topics { get; init; } = [];

    public string? ImageUrl { get; init; }

    public ArticleFormat Format { get; init; }

    /// <summary>Ids (<see cref="ArticleIdentity.FromCanonicalUrl"/>) of the URLs in the article's related list.</summary>
    public IReadOnlyList<string> RelatedIds { get; init; } = [];

    /// <summary>Distinct outlets of the related list: the registrable domains of its URLs (<see cref="OutletKey"/>).</summary>
    public IReadOnlyList<string> RelatedProviders { get; init; } = [];

    /// <summary>Compact text signature (MinHash) used to join plain-text articles to stories.</summary>
    public string? TextSignature { get; init; }

    public DateTimeOffset IngestedAt { get; init; }

    /// <summary>When the article was first ingested (null: at <see cref="IngestedAt"/>); kept by every re-upload.</summary>
    public DateTimeOffset? FirstIngestedAt { get; init; }

    /// <summary>How far ahead of its first ingest a stated date may be and still rank as stated: clocks disagree.</summary>
    public static readonly TimeSpan ClockSkewTolerance = TimeSpan.FromMinutes(10);

    /// <summary>Hash of the stored document, so a second delivery of the same file is recognised and changes nothing.</summary>
    public string? ContentHash { get; init; }

    /// <summary>The stored entity's version (ETag), so a rescoring write never overwrites a newer ingest.</summary>
    public string? Version { get; init; }

    /// <summary>When the stored entity last changed, by the storage service's clock (its Timestamp).</summary>
    public DateTimeOffset? ModifiedAt { get; init; }

    /// <summary>
    /// The uploaded files (blob names) that carry the article: several names can hold the same canonical URL, and it is
    /// retracted only when the last of them is deleted.
    /// </summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>Set while the article is retracted or taken down: it is then in no feed, story or count.</summary>
    public ArticleWithdrawal? Withdrawal { get; init; }

    /// <summary>When the article says it was published: its publishedDateTime, else when it was ingested. Story windows, day rows and journal keys use it.</summary>
    public DateTimeOffset EffectivePublished => PublishedDateTime ?? IngestedAt;

    /// <summary>
    /// When its heat decays from, by its own fields: the stated date, but never later than its first ingest plus
    /// <see cref="ClockSkewTolerance"/> (a date in the future would outrank everything for as long as it is ahead, and
    /// a re-upload cannot keep it fresh); undated, its first ingest. A run may age an undated article with its story instead
    /// (<see cref="ArticleScore.RankedAt"/>).
    /// </summary>
    public DateTimeOffset RankedAt
    {
        get
        {
            var first = FirstIngestedAt ?? IngestedAt;
            return PublishedDateTime is { } stated ? (stated > first + ClockSkewTolerance ? first + ClockSkewTolerance : stated) : first;
        }
    }

    /// <summary>The scoring state the last rescoring (or the ingest) wrote.</summary>
    public ArticleScore? Score { get; init; }

    /// <summary>The summary of a freshly parsed article, before any scoring.</summary>
    public static ArticleSummary From(Article article, DateTimeOffset ingestedAt, string? textSignature = null) => new()
    {
        Id = article.Id,
        Title = article.Title,
        Excerpt = article.Excerpt,
        Url = ArticleLink.From(article.WebUrl, article.OriginalUrl),
        PublishedDateTime = article.PublishedDateTime,
        ProviderName = article.Provider?.Name,
        ProviderDomain = article.Provider?.Domain,
        Quality = article.Quality,
        Topics = article.Topics,
        ImageUrl = article.Images.Select(i => i.Url).FirstOrDefault(u => UrlCanonicalizer.Canonicalize(u) is not null),
        Format = article.Format,
        RelatedIds = article.Related
            .Select(r => UrlCanonicalizer.Canonicalize(r.WebUrl))
            .OfType<string>()
            .Select(ArticleIdentity.FromCanonicalUrl)
            .Where(id => id != article.Id)
            .Distinct()
            .ToArray(),
        // Who publishes each related URL, not what the citing file says its outlet is called.
        RelatedProviders = article.Related
            .Select(r => OutletKey.Of(r.WebUrl))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToArray(),
        TextSignature = textSignature,
        IngestedAt = ingestedAt,
    };

    /// <summary>Who publishes the article (<see cref="OutletKey"/>): its URL's registrable domain; null without one.</summary>
    public string? Outlet => OutletKey.Of(Url);

    /// <summary>A declared outlet's display key: its domain, else its name, lower-cased. Never counted as coverage.</summary>
    public static string? ProviderKey(ArticleProvider? provider) =>
        (provider?.Domain ?? provider?.Name)?.Trim().ToLowerInvariant() is { Length: > 0 } key ? key : null;
}
