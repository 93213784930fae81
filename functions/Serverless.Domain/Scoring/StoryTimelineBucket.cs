namespace Serverless.Domain.Scoring;

/// <summary>One bucket of a story's timeline: the members published in the <paramref name="Hours"/> from <paramref name="Start"/>.</summary>
public sealed record StoryTimelineBucket(DateTimeOffset Start, int Hours, int Members);
