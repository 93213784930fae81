namespace Serverless.Domain.Scoring;

/// <summary>What a run's stories become: the stories it touched, those left with no member, and those it must read first.</summary>
/// <param name="MissingStories">Stored stories the changes reach whose members were not read: read them and plan again.</param>
/// <param name="Stories">Every story with a changed member, or that a change joined, split or merged.</param>
/// <param name="Vanished">Stored stories left with no member: their ids resolve to nothing now.</param>
public sealed record StoryPlan(IReadOnlySet<string> MissingStories, IReadOnlyList<PlannedStory> Stories, IReadOnlyList<string> Vanished);
