namespace Serverless.Functions.Feeds;

/// <summary>One topic of a <see cref="TopicListResponse"/>.</summary>
/// <param name="HottestHeat">The heat of its hottest published article now; null when it has none.</param>
/// <param name="Feed">The absolute URL of its feed.</param>
public sealed record TopicListItem(string Id, string Name, string? Parent, int ArticleCount, double? HottestHeat, string Feed);
