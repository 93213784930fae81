namespace Serverless.Domain.Scoring;

/// <summary>What a run loaded to plan stories with: the changed articles, their neighbours in time and their stories.</summary>
public sealed record StoryWorkingSet
{
    /// <summary>Every article loaded: the changed ones, the members of the stories read, and those published near the changed ones.</summary>
    public required IReadOnlyList<StoryCandidate> Articles { get; init; }

    /// <summary>Changed articles that are gone (removed since the last run), with the story each was stored in.</summary>
    public IReadOnlyDictionary<string, string?> Removed { get; init; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    /// <summary>The stored stories whose members were read in full, by id.</summary>
    public required IReadOnlyDictionary<string, StoredStory> Stories { get; init; }

    /// <summary>Ids that name a stored story (or did, and now resolve to another): never given to a new story.</summary>
    public IReadOnlySet<string> TakenIds { get; init; } = new HashSet<string>(StringComparer.Ordinal);
}
