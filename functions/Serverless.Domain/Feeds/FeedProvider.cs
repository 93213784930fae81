namespace Serverless.Domain.Feeds;

public sealed record FeedProvider(string? Name, string? Domain);
