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
/// <param name="FirstReported">The member published first, related-list entries included: the article's id, or the URL of an entry known only from related lists.</param>
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
    bool Gone)
{
    /// <summary>Whether the first report is known only from a related list's citation, not from an ingested article.</summary>
    public bool FirstReportedByCitation { get; init; }

    /// <summary>The outlet that reported first.</summary>
    public string? FirstReportedOutlet { get; init; }

    /// <summary>The lead: the ingested member that best tells the story (highest quality, earliest of equals).</summary>
    public StoryHeadline? Lead { get; init; }

    /// <summary>The best headline of up to three other outlets, as the front page shows them under the lead.</summary>
    public string Others { get; init; } = string.Empty;

    /// <summary>The union of the ingested members' topics, space separated, in order.</summary>
    public string Topics { get; init; } = string.Empty;

    /// <summary>Base heat of the hottest published member (its heat now follows from its publication time).</summary>
    public double HottestBaseHeat { get; init; }

    /// <summary>When the hottest published member was published.</summary>
    public DateTimeOffset? HottestPublished { get; init; }

    /// <summary>
    /// The topic lists the story is in, as <c>topic=rank key</c> pairs, space separated: the rank of its hottest
    /// published member of that topic. Its listing rows are replaced only when this changes.
    /// </summary>
    public string Listed { get; init; } = string.Empty;

    /// <summary>Whether the story stands: not merged away, not gone.</summary>
    public bool Stands => MergedInto is null && !Gone;
}
