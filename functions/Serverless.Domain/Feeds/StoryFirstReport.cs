namespace Serverless.Domain.Feeds;

/// <summary>Who reported a story first: <paramref name="Article"/> is the article's id when it was ingested, else its URL.</summary>
public sealed record StoryFirstReport(string Article, string? Outlet, DateTimeOffset? PublishedDateTime);
