using System.ComponentModel.DataAnnotations;

namespace Serverless.Domain.Parsing;

/// <summary>Bounds that keep a hostile file from costing unbounded time or memory.</summary>
public sealed class ArticleParserOptions
{
    public const string SectionName = "Parser";

    /// <summary>Largest number of YAML or JSON values a document may expand to (aliases included).</summary>
    [Range(100, 10_000_000)]
    public int MaxNodes { get; set; } = 200_000;

    /// <summary>Deepest nesting of mappings and sequences accepted.</summary>
    [Range(4, 512)]
    public int MaxDepth { get; set; } = 64;

    /// <summary>Longest title accepted, in characters.</summary>
    [Range(16, 100_000)]
    public int MaxTitleLength { get; set; } = 1_000;
}
