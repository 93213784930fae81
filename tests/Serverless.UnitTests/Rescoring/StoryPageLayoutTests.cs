using Microsoft.Extensions.Options;
using Serverless.Domain.Articles;
using Serverless.Domain.Rescoring;
using Serverless.Domain.Scoring;
using Serverless.Domain.Stores;

namespace Serverless.UnitTests.Rescoring;

/// <summary>How a story's page is laid out: the member order (<see cref="StoryMemberOrder"/>) and the head (<see cref="StoryHeadBuilder"/>).</summary>
public sealed class StoryPageLayoutTests
{
    private static readonly DateTimeOffset Start = new(2023, 7, 20, 8, 0, 0, TimeSpan.Zero);
    private static readonly HeatScorer Scorer = new(Options.Create(new HeatOptions()));

    [Fact]
    public void TheBestOfEachOutletComesFirstByQualityThenTheRest()
    {
        var placed = StoryMemberOrder.Place(
        [
            Article(1, "a.example", quality: 40, hours: 0),
            Article(2, "a.example", quality: 90, hours: 5),
            Article(3, "b.example", quality: 60, hours: 1),
            Related(4, "c.example", hours: -3),
            Article(5, "b.example", quality: 60, hours: 0),
            Related(6, null, hours: null),
        ]);

        // a's best (90), b's best (60, the earlier of equals), then c's related entry and the one without an outlet;
        // then the rest: a's 40 and b's later 60.
        Assert.Equal([2, 5, 4, 6, 3, 1], placed.Select(m => (int)(m.Id >> 64)));
        Assert.All(placed.Take(4), m => Assert.StartsWith("0", m.Order, StringComparison.Ordinal));
        Assert.All(placed.Skip(4), m => Assert.StartsWith("1", m.Order, StringComparison.Ordinal));
    }

    [Fact]
    public void AMembersKeyChangesOnlyWhenItsPlaceDoes()
    {
        var first = StoryMemberOrder.Place([Article(1, "a.example", 50, 0), Article(2, "b.example", 50, 1)]);
        var grown = StoryMemberOrder.Place([Article(1, "a.example", 50, 0), Article(2, "b.example", 50, 1), Article(3, "c.example", 70, 2)]);
        var better = StoryMemberOrder.Place([Article(1, "a.example", 50, 0), Article(2, "b.example", 50, 1), Article(4, "a.example", 80, 3)]);

        Assert.Equal(first.Select(m => m.Order), grown.Where(m => m.Id != Id(3)).Select(m => m.Order));
        // A better article of a's outlet takes its place: a's first article moves to the rest, b stays.
        Assert.NotEqual(first.Single(m => m.Id == Id(1)).Order, better.Single(m => m.Id == Id(1)).Order);
        Assert.Equal(first.Single(m => m.Id == Id(2)).Order, better.Single(m => m.Id == Id(2)).Order);
    }

    [Fact]
    public void EqualMembersArePlacedTheSameWhateverOrderThePlanListsThem()
    {
        var forward = StoryMemberOrder.Place([Article(7, "a.example", 50, 1), Article(3, "a.example", 50, 1), Article(5, "b.example", 50, 1)]);
        var backward = StoryMemberOrder.Place([Article(5, "b.example", 50, 1), Article(3, "a.example", 50, 1), Article(7, "a.example", 50, 1)]);

        Assert.Equal(forward.Select(m => (m.Id, m.Order)), backward.Select(m => (m.Id, m.Order)));
        // The smaller id leads its outlet when all else is equal, and page order is row-key order.
        Assert.Equal([3, 5, 7], forward.Select(m => (int)(m.Id >> 64)));
        Assert.Equal(forward.Select(m => $"m{m.Order}{StoryIds.Format(m.Id)}").Order(StringComparer.Ordinal), forward.Select(m => $"m{m.Order}{StoryIds.Format(m.Id)}"));
    }

    [Fact]
    public void NewestFirstKeysSortNewestFirstAndUndatedLast()
    {
        var keys = new[] { Article(1, "a", 50, 0), Article(2, "a", 50, 30), Related(3, "b", null), Article(4, "a", 50, 2) }
            .OrderBy(StoryMemberOrder.RecentKey, StringComparer.Ordinal)
            .Select(m => (int)(m.Id >> 64));

        Assert.Equal([2, 4, 1, 3], keys);
    }

    [Fact]
    public void TheHeadNamesTheLeadTheFirstReporterOtherOutletsAndTheTopicListsOfPublishedMembers()
    {
        var placed = StoryMemberOrder.Place(
        [
            Article(1, "a.example", 90, 2, topics: ["ai"]),
            Article(2, "b.example", 70, 1, topics: ["ai", "ai-ethics"], cites: [4]),
            Article(3, "c.example", 60, 3, topics: ["ai-hardware"], published: false),
            Related(4, "d.example", hours: -5),
            Related(5, "e.example", hours: 4),
            Article(6, "a.example", 95, 9, topics: ["ai"]),
        ]);

        var head = StoryHeadBuilder.Build("s", 5, Start.UtcTicks, placed, Scorer);

        Assert.Equal(StoryIds.Format(Id(6)), head.Lead!.Id);
        Assert.Equal((6, 4), (head.Members, head.Articles));
        // First reported: the related-only entry, named by its URL, on the word of the earliest ingested article.
        Assert.Equal(("https://d.example/4", "d.example", true), (head.FirstReported, head.FirstReportedOutlet, head.FirstReportedByCitation));
        Assert.Equal(Start.AddHours(-5), head.FirstReportedAt);
        // Three other outlets' best, in page order; the lead's outlet is left out, though it has another article.
        Assert.Equal(["b.example", "c.example", "d.example"], StoryHeadline.Parse(head.Others).Select(h => h.Outlet));
        Assert.Equal("ai ai-ethics ai-hardware", head.Topics);
        // Listed only where a published member is: not under ai-hardware.
        Assert.Equal(["ai", "ai-ethics"], StoryHeadBuilder.ListingsOf(head).Select(l => l.Topic));
        Assert.Equal(6, StoryTimeline.Buckets(head.Timeline, head.FirstReportedAt!.Value).Sum(b => b.Members));
    }

    [Fact]
    public void ACitationNeverBeatsAnIngestedArticleEarlierThanTheFileCitingIt()
    {
        // Entry 4 is dated 5 hours before anything, but only article 6 (9 hours in) says so: article 2, ingested and
        // published an hour in, was first on the evidence.
        var placed = StoryMemberOrder.Place(
        [
            Article(2, "b.example", 70, 1),
            Related(4, "d.example", hours: -5),
            Article(6, "a.example", 95, 9, cites: [4]),
        ]);

        var head = StoryHeadBuilder.Build("s", 3, Start.UtcTicks, placed, Scorer);

        Assert.Equal((StoryIds.Format(Id(2)), "b.example", false), (head.FirstReported, head.FirstReportedOutlet, head.FirstReportedByCitation));
        Assert.Equal(Start.AddHours(1), head.FirstReportedAt);
    }

    private static UInt128 Id(int n) => (UInt128)n << 64;

    private static StoryMemberEntry Article(int n, string outlet, int quality, double hours, string[]? topics = null, bool published = true, int[]? cites = null)
    {
        var at = Start.AddHours(hours);
        var score = new ArticleScore("s", 6, 5, 50 + quality, published, topics ?? ["ai"]);
        var record = new ScoringRecord(StoryIds.Format(Id(n)), null, quality, at, score, topics ?? ["ai"], new StoryMember(Id(n), at.UtcTicks, false, quality, 1, []), [.. (cites ?? []).Select(Id)], []);
        return new StoryMemberEntry(Id(n), record, $"Headline {n}", $"https://{outlet}/{n}", outlet, outlet, at, null, null);
    }

    private static StoryMemberEntry Related(int n, string? outlet, double? hours) =>
        new(Id(n), null, $"Related {n}", outlet is null ? null : $"https://{outlet}/{n}", outlet, outlet, hours is { } h ? Start.AddHours(h) : null, null, null);
}
