namespace Serverless.Domain.Scoring;

/// <summary>An ingested article as a run plans stories: its record, the story it is stored in, and whether it changed.</summary>
/// <param name="Record">The article as stored now.</param>
/// <param name="StoryId">The story the lookups hold it in (null: none yet, a new article).</param>
/// <param name="Changed">New, or changed since the last run in what stories are made of (text, date, related list, outlet): its text is compared again, and its old story re-formed.</param>
/// <param name="Journaled">In the change journal: its index rows are written whatever its score (an ingest wrote them behind).</param>
public sealed record StoryCandidate(ScoringRecord Record, string? StoryId, bool Changed, bool Journaled)
{
    /// <summary>Whether two records are the same to story clustering (scores and topics aside).</summary>
    public static bool SameStoryInputs(ScoringRecord a, ScoringRecord b) =>
        a.Member.Id == b.Member.Id &&
        a.Member.PublishedTicks == b.Member.PublishedTicks &&
        a.Member.TextOnly == b.Member.TextOnly &&
        a.Member.Quality == b.Member.Quality &&
        a.Member.ProviderHash == b.Member.ProviderHash &&
        a.Member.Sketch.AsSpan().SequenceEqual(b.Member.Sketch) &&
        a.RelatedIds.AsSpan().SequenceEqual(b.RelatedIds) &&
        a.RelatedProviders.AsSpan().SequenceEqual(b.RelatedProviders);
}
