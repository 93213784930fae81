namespace Serverless.Domain.Stores;

/// <summary>A topic's size and its hottest article, as the last rescoring left them.</summary>
public sealed record TopicStats(string TopicId, string Name, string? ParentId, int Articles, double TopBaseHeat, DateTimeOffset? TopPublished);
