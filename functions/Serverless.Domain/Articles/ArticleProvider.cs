namespace Serverless.Domain.Articles;

/// <summary>The outlet that published an article.</summary>
public sealed record ArticleProvider
{
    public string? Name { get; init; }

    public string? Domain { get; init; }

    public IReadOnlyList<ArticleImage> Images { get; init; } = [];

    /// <summary>Fields this model does not know, kept as uploaded.</summary>
    public System.Text.Json.Nodes.JsonObject? AdditionalFields { get; init; }
}
