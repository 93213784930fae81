using System.ComponentModel.DataAnnotations;

namespace Serverless.Domain.Scoring;

/// <summary>The heat formula's constants (section <c>Heat</c>); see README "Heat".</summary>
public sealed class HeatOptions
{
    public const string SectionName = "Heat";

    /// <summary>Hours after which an article's heat has halved (exponential decay).</summary>
    [Range(0.5, 24 * 365)]
    public double HalfLifeHours { get; set; } = 24;

    /// <summary>Base heat at or above which an article is published (shown in feeds); the real site publishes at quality 70.</summary>
    [Range(0, 100_000)]
    public double PublishThreshold { get; set; } = 70;

    /// <summary>Quality assumed for an article the crawler did not rate (a third of the real corpus).</summary>
    [Range(0, 1_000)]
    public int DefaultQuality { get; set; } = 40;

    /// <summary>Lift per doubling of the number of articles covering the story.</summary>
    [Range(0, 10)]
    public double ArticleCoverageWeight { get; set; } = 0.15;

    /// <summary>Lift per doubling of the number of distinct outlets covering the story.</summary>
    [Range(0, 10)]
    public double ProviderCoverageWeight { get; set; } = 0.15;

    /// <summary>Share of the heat that comes from the story's best article rather than the article's own quality.</summary>
    [Range(0, 1)]
    public double StoryQualityShare { get; set; } = 0.2;

    /// <summary>What an entry (or outlet) known only from related lists counts for, until ingested articles of two outlets cite it.</summary>
    [Range(0, 1)]
    public double CitationWeight { get; set; } = 0.5;

    /// <summary>Uncorroborated related entries, and as many outlets, that one file (one outlet) adds to its story's coverage.</summary>
    [Range(0, 100)]
    public int MaxCitationsPerFile { get; set; } = 3;

    /// <summary>The ceiling of the coverage lift: however widely a story is covered, base heat is at most this times its blended quality.</summary>
    [Range(1, 100)]
    public double MaxLift { get; set; } = 2.5;
}
