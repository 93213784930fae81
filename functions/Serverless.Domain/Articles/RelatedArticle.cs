namespace Serverless.Domain.Articles;

/// <summary>Another outlet's coverage of the same story, as listed by the crawler.</summary>
public sealed record RelatedArticle
{
    public string? Title { get; init; }

    public string? Excerpt { get; init; }

    public DateTimeOffset? PublishedDateTime { get; init; }

    public string? WebUrl { get; init; }

    public string? AmpWebUrl { get; init; }

    public string? CdnAmpWebUrl { get; init; }

    public string? Type { get; init; }

    public ArticleProvider? Provider { get; init; }

    public int? Quality { get; init; }

    public IReadOnlyList<ArticleImage> Images { get; init; } = [];

    /// <summary>Fields this model does not know, kept as uploaded.</summary>
    public System.Text.Json.Nodes.JsonObject? AdditionalFields { get; init; }
}
