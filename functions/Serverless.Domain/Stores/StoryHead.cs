namespace Serverless.Domain.Stores;

/// <summary>
/// The head row of a stored story: its summary, or where it went. A merged-away story keeps its head with
/// <see cref="MergedInto"/> for good; a story whose members all went keeps it with <see cref="Gone"/>.
/// </summary>
/// <param name="StoryId">The story's id.</param>
/// <param name="Members">Its members: ingested articles and entries known only from related lists.</param>
/// <param name="Articles">Its ingested articles.</param>
/// <param name="Outlets">The distinct outlets covering it, as the heat formula counts them.</param>
/// <param name="Began">When its earliest ingested article was published (ticks; 0 when none is dated).</param>
/// <param name="FirstReported">The member published first, related-list entries included (its id), if any is dated.</param>
/// <param name="FirstReportedAt">When that was.</param>
/// <param name="Timeline">Members per hour over the story's first 48 hours, then per day (<see cref="Scoring.StoryTimeline"/>).</param>
/// <param name="MergedInto">The story that absorbed this one, if it did.</param>
/// <param name="Gone">Whether every member was removed.</param>
public sealed record StoryHead(
    string StoryId,
    int Members,
    int Articles,
    int Outlets,
    long Began,
    string? FirstReported,
    DateTimeOffset? FirstReportedAt,
    string Timeline,
    string? MergedInto,
    bool Gone);
