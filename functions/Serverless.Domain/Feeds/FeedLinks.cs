namespace Serverless.Domain.Feeds;

/// <summary>Absolute URLs a rendered feed refers to: itself, its next page, and the site.</summary>
public sealed record FeedLinks(Uri Self, Uri? Next, Uri Home);
