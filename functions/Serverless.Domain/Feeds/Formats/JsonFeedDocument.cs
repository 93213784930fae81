namespace Serverless.Domain.Feeds.Formats;

/// <summary>The wire shape of a JSON Feed 1.1 document (snake_case, absent members omitted).</summary>
public sealed record JsonFeedDocument(string Version, string Title, string HomePageUrl, string FeedUrl, string? NextUrl, IReadOnlyList<JsonFeedItem> Items);
