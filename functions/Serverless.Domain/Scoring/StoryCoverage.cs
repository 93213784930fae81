namespace Serverless.Domain.Scoring;

/// <summary>What a story looks like: its id and how widely and how well it is covered.</summary>
/// <param name="StoryId">The smallest article id of the story, stable as long as that article is.</param>
/// <param name="Articles">Distinct articles in it: ingested ones and those only named in related lists.</param>
/// <param name="Providers">Distinct outlets (publishers' registrable domains) among them.</param>
/// <param name="MaxQuality">The best quality among the ingested articles.</param>
public sealed record StoryCoverage(string StoryId, int Articles, int Providers, int MaxQuality)
{
    /// <summary>
    /// The articles the heat formula counts (<see cref="CoverageRules"/>): each ingested article fully, an entry known
    /// only from related lists at a fraction unless corroborated, and at most a few of them per citing file.
    /// </summary>
    public double CountedArticles { get; init; } = Articles;

    /// <summary>The outlets the heat formula counts, under the same rules as <see cref="CountedArticles"/>.</summary>
    public double CountedOutlets { get; init; } = Providers;
}
