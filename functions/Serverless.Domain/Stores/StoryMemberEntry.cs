using Serverless.Domain.Scoring;

namespace Serverless.Domain.Stores;

/// <summary>
/// One member of a stored story, with what a story page shows of it and what a run needs to cluster and score it.
/// </summary>
/// <param name="Id">The member's id: the article's, or the URL id of an entry known only from related lists.</param>
/// <param name="Record">The ingested article's scoring record (its score the last run's); null for a related-list entry.</param>
/// <param name="Title">Its headline.</param>
/// <param name="Url">The link a reader follows.</param>
/// <param name="ProviderName">The outlet's name.</param>
/// <param name="ProviderDomain">The outlet's domain.</param>
/// <param name="PublishedDateTime">When it was published, if known.</param>
/// <param name="ImageUrl">Its image, if any.</param>
/// <param name="Reason">Why it is in the story.</param>
public sealed record StoryMemberEntry(
    UInt128 Id,
    ScoringRecord? Record,
    string? Title,
    string? Url,
    string? ProviderName,
    string? ProviderDomain,
    DateTimeOffset? PublishedDateTime,
    string? ImageUrl,
    StoryJoinReason? Reason)
{
    /// <summary>The ingested article's excerpt.</summary>
    public string? Excerpt { get; init; }

    /// <summary>
    /// Where the member stands on the story's page (<see cref="Rescoring.StoryMemberOrder"/>): its row sorts by it, so a
    /// page of the story is one range read. Empty until a run places it.
    /// </summary>
    public string Order { get; init; } = string.Empty;

    /// <summary>Who publishes it: its URL's registrable domain (<see cref="Articles.OutletKey"/>), else the declared domain or name.</summary>
    public string? Outlet => Articles.OutletKey.Of(Url) ?? ProviderDomain ?? ProviderName;
}
