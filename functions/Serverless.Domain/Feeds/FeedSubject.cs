namespace Serverless.Domain.Feeds;

/// <summary>
/// What a feed page lists (a topic's articles, for one): the title and description feed readers show, and the
/// service's own JSON of the page, so every format renders any kind of page.
/// </summary>
public abstract record FeedSubject(string Title, string Description)
{
    /// <summary>The body of the page in the service's own JSON format, serialized as its runtime type.</summary>
    public abstract object ToJsonResponse(FeedPage page);
}
