namespace Serverless.Domain.Scoring;

/// <summary>Two articles (indexes in the order they were added) that joined one story because their text is alike.</summary>
public sealed record StoryTextJoin(int Article, int Via, double Similarity);
