using Serverless.Domain.Scoring;
using Serverless.Domain.Stores;

namespace Serverless.Domain.Feeds;

/// <summary>The wire shape of a story page in the service's own JSON format (the default).</summary>
/// <param name="Lead">The ingested member that best tells the story (highest quality, earliest of equals); <see cref="Headline"/> is its title.</param>
/// <param name="Articles">Members, ingested or known only from related lists: the count the heat formula uses.</param>
/// <param name="Timeline">Members per hour over the story's first 48 hours, then per day (empty buckets left out).</param>
/// <param name="Members">This page of the members: one article per outlet first, by quality, then the rest.</param>
/// <param name="Next">The absolute URL of the next page; null on the last page.</param>
public sealed record StoryResponse(
    string Id,
    string? Headline,
    StoryHeadline? Lead,
    StoryFirstReport? FirstReported,
    int Articles,
    int Outlets,
    double Heat,
    IReadOnlyList<string> Topics,
    IReadOnlyList<StoryTimelineBucket> Timeline,
    IReadOnlyList<StoryMemberView> Members,
    string? Next);
