namespace Serverless.Domain.Feeds.Formats;

/// <summary>An author of a <see cref="JsonFeedItem"/>: the outlet that published the article.</summary>
public sealed record JsonFeedAuthor(string Name);
