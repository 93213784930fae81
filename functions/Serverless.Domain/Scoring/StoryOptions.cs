using System.ComponentModel.DataAnnotations;

namespace Serverless.Domain.Scoring;

/// <summary>How articles are grouped into stories (section <c>Stories</c>).</summary>
public sealed class StoryOptions
{
    public const string SectionName = "Stories";

    /// <summary>
    /// IDF-weighted word overlap at which two articles are the same story. Calibrated on the shared corpus: at 0.08
    /// the five sample articles form one story (alone or among the 103 corpus files) while the distinct July 2023
    /// stories (Llama 2, the White House pledges, GPTBot, the actors' strike vote) stay apart; 0.07 merges Llama 2
    /// with the pledges, 0.09 splits a plain-text sample off.
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
