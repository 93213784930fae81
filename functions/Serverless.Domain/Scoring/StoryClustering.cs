namespace Serverless.Domain.Scoring;

/// <summary>The outcome of one clustering: each article's story, and what each story is made of.</summary>
/// <param name="Coverage">Each article's story coverage, in the order the articles were added (named by its smallest id).</param>
/// <param name="Roots">Each article's story, as the key of <paramref name="Ids"/>.</param>
/// <param name="Ids">Every id (ingested articles and URLs known only from related lists) of each story.</param>
/// <param name="TextJoins">The text comparisons that joined two stories, in the order made.</param>
public sealed record StoryClustering(
    StoryCoverage[] Coverage,
    int[] Roots,
    IReadOnlyDictionary<int, List<UInt128>> Ids,
    IReadOnlyList<StoryTextJoin> TextJoins);
