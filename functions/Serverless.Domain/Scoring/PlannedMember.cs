namespace Serverless.Domain.Scoring;

/// <summary>One member of a planned story.</summary>
/// <param name="Id">Its id: the article's, or the URL id of an entry known only from related lists.</param>
/// <param name="Article">The index of the ingested article in <see cref="StoryWorkingSet.Articles"/>; -1 for a related-list entry.</param>
/// <param name="PreviousStory">The story it was stored in (null: none).</param>
/// <param name="Reason">Why it joined; null keeps the reason stored with it (its story did not re-form).</param>
public sealed record PlannedMember(UInt128 Id, int Article, string? PreviousStory, StoryJoinReason? Reason);
