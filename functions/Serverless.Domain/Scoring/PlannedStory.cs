namespace Serverless.Domain.Scoring;

/// <summary>A story as a run leaves it: its id, what it absorbed, its coverage and its members.</summary>
/// <param name="Identity">The id it carries and the stored stories merged into it.</param>
/// <param name="Coverage">How widely and how well it is covered (named by <paramref name="Identity"/>'s id).</param>
/// <param name="Members">Every member, ingested or known only from related lists.</param>
/// <param name="Began">When its earliest ingested member was published (ticks; 0 when none is dated).</param>
public sealed record PlannedStory(StoryIdentityPlan Identity, StoryCoverage Coverage, IReadOnlyList<PlannedMember> Members, long Began);
