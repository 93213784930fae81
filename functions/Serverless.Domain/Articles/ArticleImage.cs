namespace Serverless.Domain.Articles;

public sealed record ArticleImage
{
    public required string Url { get; init; }

    public int? Width { get; init; }

    public int? Height { get; init; }

    public bool? IsCached { get; init; }

    /// <summary>Fields this model does not know, kept as uploaded.</summary>
    public System.Text.Json.Nodes.JsonObject? AdditionalFields { get; init; }
}
