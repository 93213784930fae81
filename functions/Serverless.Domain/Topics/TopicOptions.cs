namespace Serverless.Domain.Topics;

public sealed class TopicOptions
{
    public const string SectionName = "Topics";

    /// <summary>A folder of taxonomy YAML files replacing the built-in taxonomy (setting Topics__TaxonomyPath).</summary>
    public string? TaxonomyPath { get; set; }
}
