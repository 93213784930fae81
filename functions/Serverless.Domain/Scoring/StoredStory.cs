namespace Serverless.Domain.Scoring;

/// <summary>A stored story whose members a run read in full: its identity and the ids of all its members.</summary>
/// <param name="Identity">Its id, size and start, for the rules of <see cref="StoryIdentityPlanner"/>.</param>
/// <param name="Members">Every member's id: ingested articles and entries known only from related lists.</param>
public sealed record StoredStory(StoryIdentity Identity, IReadOnlyCollection<UInt128> Members);
