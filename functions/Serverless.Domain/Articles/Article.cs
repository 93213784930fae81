using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Serverless.Domain.Articles;

/// <summary>One news article, whatever format it was uploaded in.</summary>
public sealed record Article
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public string? Excerpt { get; init; }

    /// <summary>Markdown or plain-text body after the front matter or title line, when the file has one.</summary>
    public string? Body { get; init; }

    public string? Category { get; init; }

    public DateTimeOffset? PublishedDateTime { get; init; }

    public string? OriginalUrl { get; init; }

    public string? WebUrl { get; init; }

    public string? AmpWebUrl { get; init; }

    public string? CdnAmpWebUrl { get; init; }

    /// <summary>The URL the article is known by: webUrl else originalUrl, without tracking parameters.</summary>
    public string? CanonicalUrl { get; init; }

    public string? Type { get; init; }

    /// <summary>The crawler's quality estimate (0 to about 200); null when the file has none.</summary>
    public int? Quality { get; init; }

    /// <summary>The heat the file arrived with; -1 means not scored yet.</summary>
    public double Heat { get; init; } = -1;

    public bool? Published { get; init; }

    public ArticleProvider? Provider { get; init; }

    public IReadOnlyList<string> Topics { get; init; } = [];

    public IReadOnlyList<ArticleImage> Images { get; init; } = [];

    public IReadOnlyList<RelatedArticle> Related { get; init; } = [];

    /// <summary>Opaque to the pipeline: kept exactly as uploaded.</summary>
    public string? Secured { get; init; }

    /// <summary>Opaque structured content some crawlers attach; kept as uploaded.</summary>
    public JsonNode? FeaturedContent { get; init; }

    /// <summary>Fields this model does not know, kept so that nothing uploaded is dropped.</summary>
    public JsonObject? AdditionalFields { get; init; }

    [JsonConverter(typeof(JsonStringEnumConverter<ArticleFormat>))]
    public ArticleFormat Format { get; init; }
}
