namespace Serverless.Domain.Feeds;

/// <summary>
/// A page of one story: in the service's JSON its members in page order with the story's summary
/// (<see cref="StoryResponse"/>); in the feed formats its members newest first, so a reader follows the story as it grows.
/// </summary>
public sealed record StoryFeedSubject(StoryView Story, IReadOnlyList<StoryMemberView> Members)
    : FeedSubject($"{Story.Headline ?? "Untitled story"} — full coverage", $"{Story.Articles} articles from {Story.Outlets} outlets on this story, newest first.")
{
    public override object ToJsonResponse(FeedPage page) => new StoryResponse(
        Story.Id, Story.Headline, Story.Lead, Story.FirstReported, Story.Articles, Story.Outlets, Story.Heat, Story.Topics, Story.Timeline, Members, page.Links.Next?.AbsoluteUri);

    /// <summary>The members as feed items; an entry known only from related lists is named by its URL and has no heat.</summary>
    public IReadOnlyList<FeedItem> Items() => Members
        .Where(m => m.Id is not null || m.Url is not null)
        .Select(m => new FeedItem(
            m.Id ?? m.Url!,
            m.Title ?? m.Url ?? "Untitled",
            m.Excerpt,
            m.Url,
            m.PublishedDateTime ?? Story.FirstReported?.PublishedDateTime ?? DateTimeOffset.UnixEpoch,
            m.Provider,
            m.Images,
            m.Heat ?? 0,
            m.Topics,
            Story.Id,
            Story.Articles))
        .ToList();
}
