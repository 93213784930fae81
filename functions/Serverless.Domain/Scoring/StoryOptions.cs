using System.ComponentModel.DataAnnotations;

namespace Serverless.Domain.Scoring;

/// <summary>How articles are grouped into stories (section <c>Stories</c>).</summary>
public sealed class StoryOptions
{
    public const string SectionName = "Stories";

    /// <summary>
    /// IDF-weighted word overlap at which two dated articles are the same story. Calibrated on the shared corpus:
    /// same-story pairs score 0.08 to 1.0, the closest distinct July 2023 stories (Llama 2, the White House pledges,
    /// GPTBot) at most 0.07 against each other.
    /// </summary>
    [Range(0.01, 1.0)]
    public double SimilarityThreshold { get; set; } = 0.08;

    /// <summary>Dated articles further apart than this are never joined by text alone (URLs still join them).</summary>
    [Range(0.5, 60)]
    public double WindowDays { get; set; } = 6;

    /// <summary>Words in more than this share of articles carry no story signal and are not compared.</summary>
    [Range(0.001, 1.0)]
    public double MaxWordShare { get; set; } = 0.05;
}
