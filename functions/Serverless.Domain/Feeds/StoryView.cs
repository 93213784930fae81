using Serverless.Domain.Scoring;
using Serverless.Domain.Stores;

namespace Serverless.Domain.Feeds;

/// <summary>What a story page says of the story as a whole (from its head row).</summary>
/// <param name="Articles">Its members, ingested or known only from related lists: the count the heat formula uses.</param>
/// <param name="Outlets">The distinct outlets covering it.</param>
/// <param name="Heat">The hottest member's heat now.</param>
/// <param name="Topics">The union of the members' topics.</param>
public sealed record StoryView(
    string Id,
    string? Headline,
    StoryHeadline? Lead,
    StoryFirstReport? FirstReported,
    int Articles,
    int Outlets,
    double Heat,
    IReadOnlyList<string> Topics,
    IReadOnlyList<StoryTimelineBucket> Timeline);
