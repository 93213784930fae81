namespace Serverless.Domain.Topics;

/// <summary>A topic outside the taxonomy, with the name an article spells it by.</summary>
/// <param name="TopicId">Its id (<see cref="TopicTaxonomy.Slug"/> of the name).</param>
/// <param name="Name">The name as the article gives it, trimmed.</param>
public sealed record TopicSpelling(string TopicId, string Name);
