using System.Text.RegularExpressions;
using Serverless.Domain.Scoring;
using Serverless.Domain.Stores;

namespace Serverless.Domain.Feeds;

/// <summary>
/// Serves pages of a story: its head (a point read) and a page of its members (one range read of its partition), in
/// page order (one article per outlet first) or newest first (its feeds). Follows merges to the story that absorbed it,
/// and accepts only a cursor this service issued for the story and order (see <see cref="FeedCursor"/>).
/// </summary>
public sealed partial class StoryPageService
{
    /// <summary>How many merges a redirect follows at most (each is a point read); a longer chain redirects part way.</summary>
    private const int MergeHops = 8;

    private readonly StoryStore _stories;
    private readonly FeedCursor _cursors;
    private readonly HeatScorer _scorer;
    private readonly TimeProvider _clock;

    public StoryPageService(StoryStore stories, FeedCursor cursors, HeatScorer scorer, TimeProvider clock)
    {
        _stories = stories;
        _cursors = cursors;
        _scorer = scorer;
        _clock = clock;
    }

    /// <summary>Whether the text can be a story id (32 lower-case hex digits): anything else is unknown without a read.</summary>
    public static bool IsStoryId(string id) => StoryId().IsMatch(id);

    /// <summary>Up to <paramref name="limit"/> members from <paramref name="cursor"/> (none or empty: from the start).</summary>
    public async Task<StoryPageResult> GetPageAsync(string storyId, bool newestFirst, int limit, string? cursor, CancellationToken cancellationToken)
    {
        if (!IsStoryId(storyId))
        {
            return StoryPageResult.NotFound;
        }

        var scope = $"story:{storyId}:{(newestFirst ? "recent" : "page")}";
        string? after = null;
        if (!string.IsNullOrEmpty(cursor) && (after = _cursors.Decode(scope, cursor)) is null)
        {
            return StoryPageResult.InvalidCursor;
        }

        // Head and page at once: a standing story (the common case) costs one round trip.
        var headRead = _stories.ReadHeadAsync(storyId, cancellationToken);
        var pageRead = _stories.ReadMembersAsync(storyId, newestFirst, after, limit, cancellationToken);
        var head = await headRead;
        var (members, next) = await pageRead;
        if (head is null)
        {
            return StoryPageResult.NotFound;
        }

        if (head.MergedInto is { } survivor)
        {
            return new StoryPageResult(StoryPageOutcome.Merged, null, [], null, await FollowMergesAsync(survivor, cancellationToken));
        }

        if (head.Gone)
        {
            return StoryPageResult.Gone;
        }

        var now = _clock.GetUtcNow();
        return new StoryPageResult(
            StoryPageOutcome.Page,
            ViewOf(head, now),
            members.Select(m => ViewOf(m, now)).ToList(),
            next is null ? null : _cursors.Encode(scope, next));
    }

    private async Task<string> FollowMergesAsync(string survivor, CancellationToken cancellationToken)
    {
        for (var hop = 1; hop < MergeHops && await _stories.ReadHeadAsync(survivor, cancellationToken) is { MergedInto: { } further }; hop++)
        {
            survivor = further;
        }

        return survivor;
    }

    private StoryView ViewOf(StoryHead head, DateTimeOffset now) => new(
        head.StoryId,
        head.Lead?.Title,
        head.Lead is { } lead ? lead with { Url = TopicFeedQuery.SafeUrl(lead.Url), ImageUrl = TopicFeedQuery.SafeUrl(lead.ImageUrl) } : null,
        head.FirstReported is { } first ? new StoryFirstReport(first, head.FirstReportedOutlet, head.FirstReportedAt, head.FirstReportedByCitation ? StoryFirstReport.CitationEvidence : StoryFirstReport.ArticleEvidence) : null,
        head.Members,
        head.Outlets,
        head.HottestPublished is { } published ? _scorer.HeatAt(head.HottestBaseHeat, published, now) : 0,
        head.Topics.Split(' ', StringSplitOptions.RemoveEmptyEntries),
        head.FirstReportedAt is { } start ? StoryTimeline.Buckets(head.Timeline, start) : []);

    private StoryMemberView ViewOf(StoryMemberEntry member, DateTimeOffset now)
    {
        var record = member.Record;
        var provider = member.ProviderName is null && member.ProviderDomain is null ? null : new FeedProvider(member.ProviderName, member.ProviderDomain);
        return new StoryMemberView(
            record?.Id,
            member.Title,
            member.Excerpt,
            TopicFeedQuery.SafeUrl(member.Url),
            provider,
            member.PublishedDateTime,
            record?.Member.Quality,
            record?.Score is { } score ? _scorer.HeatAt(score.BaseHeat, record.RowMoment, now) : null,
            record is null ? [] : record.Score?.TopicIds ?? record.Topics,
            TopicFeedQuery.SafeUrl(member.ImageUrl) is { } image ? [image] : [],
            member.Reason);
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex StoryId();
}
