using Serverless.Domain.Scoring;

namespace Serverless.Domain.Stores;

/// <summary>An article as the day lookup holds it: what text joins compare, and the story it is in.</summary>
/// <param name="Record">Its scoring record.</param>
/// <param name="StoryId">The story it was in when last written (follow merges through the heads).</param>
public sealed record StoryDayEntry(ScoringRecord Record, string StoryId);
