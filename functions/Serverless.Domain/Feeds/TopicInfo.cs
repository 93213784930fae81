namespace Serverless.Domain.Feeds;

/// <summary>A topic as the API lists it; <see cref="HottestHeat"/> is the heat of its hottest article now.</summary>
public sealed record TopicInfo(string Id, string Name, string? Parent, int ArticleCount, double? HottestHeat);
