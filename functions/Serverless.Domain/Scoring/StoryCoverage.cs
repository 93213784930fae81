namespace Serverless.Domain.Scoring;

/// <summary>What a story looks like: its id and how widely and how well it is covered.</summary>
/// <param name="StoryId">The smallest article id of the story, stable as long as that article is.</param>
/// <param name="Articles">Distinct articles covering it: ingested ones and those only named in related lists.</param>
/// <param name="Providers">Distinct outlets among them.</param>
/// <param name="MaxQuality">The best quality among the ingested articles.</param>
public sealed record StoryCoverage(string StoryId, int Articles, int Providers, int MaxQuality);
