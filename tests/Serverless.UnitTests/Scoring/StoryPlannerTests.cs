using Serverless.Domain.Scoring;

namespace Serverless.UnitTests.Scoring;

/// <summary>The pure story planning of a run: what stays, what joins, merges and splits, and what it must read first.</summary>
public sealed class StoryPlannerTests
{
    private static readonly StoryOptions Options = new();
    private static readonly long Day = new DateTime(2023, 8, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    [Fact]
    public void NewArticlesCitingEachOtherFormOneStoryNamedByTheSmallestId()
    {
        var plan = Plan([Article(1, changed: true, related: [2]), Article(2, changed: true)]);

        var story = Assert.Single(plan.Stories);
        Assert.Equal((Id(1), true, 2), (story.Identity.Id, story.Identity.IsNew, story.Coverage.Articles));
        var reasons = story.Members.ToDictionary(m => m.Id, m => m.Reason!.Kind);
        Assert.Equal(StoryJoinReason.First, reasons[1]);
        Assert.Equal(StoryJoinReason.CitedBy, reasons[2]);
    }

    [Fact]
    public void AStoredStoryAChangeDoesNotReachIsLeftOutOfThePlan()
    {
        var plan = Plan(
            [Article(1, changed: true), Article(5, story: "s5", related: [6]), Article(6, story: "s5")],
            Stored("s5", 2, 5, 6));

        var story = Assert.Single(plan.Stories);
        Assert.Equal([(UInt128)1], story.Members.Select(m => m.Id));
    }

    [Fact]
    public void ANewArticleCitingAStoredOneJoinsItsStoryUnderItsId()
    {
        var plan = Plan(
            [Article(1, changed: true, related: [5]), Article(5, story: "s5", related: [6]), Article(6, story: "s5")],
            Stored("s5", 2, 5, 6));

        var story = Assert.Single(plan.Stories);
        Assert.Equal(("s5", false, 3), (story.Identity.Id, story.Identity.IsNew, story.Coverage.Articles));
        Assert.Equal("s5", story.Coverage.StoryId);
        // The stored members keep their reasons; the new one says how it joined.
        Assert.Null(story.Members.Single(m => m.Id == 5).Reason);
        Assert.Equal(StoryJoinReason.Cites, story.Members.Single(m => m.Id == 1).Reason!.Kind);
    }

    [Fact]
    public void ABridgeMergesTwoStoriesTheLargerKeepsItsIdAndTheOtherIsAbsorbed()
    {
        var plan = Plan(
            [Article(1, changed: true, related: [5, 8]), Article(5, story: "s5", related: [6]), Article(6, story: "s5"), Article(8, story: "s8")],
            Stored("s5", 2, 5, 6),
            Stored("s8", 1, 8));

        var story = Assert.Single(plan.Stories);
        Assert.Equal(("s5", 4), (story.Identity.Id, story.Coverage.Articles));
        Assert.Equal(["s8"], story.Identity.Absorbed);
    }

    [Fact]
    public void ARemovalSplitsAStoryTheLargestPartKeepsItsId()
    {
        // 2 cites 1 and 3; 4 cites 3. Without 2: {1} and {3, 4}.
        var set = new StoryWorkingSet
        {
            Articles = [Article(1, story: "s1"), Article(3, story: "s1"), Article(4, story: "s1", related: [3])],
            Removed = new Dictionary<string, string?> { [Id(2)] = "s1" },
            Stories = new Dictionary<string, StoredStory> { ["s1"] = Stored("s1", 4, 1, 2, 3, 4) },
        };

        var plan = StoryPlanner.Plan(set, Options);

        Assert.Equal(2, plan.Stories.Count);
        var kept = plan.Stories.Single(s => s.Identity.Id == "s1");
        Assert.Equal([(UInt128)3, 4], kept.Members.Select(m => m.Id).Order().ToArray());
        var split = plan.Stories.Single(s => s.Identity.Id != "s1");
        Assert.Equal((StoryIdentityPlanner.SplitId("s1", Id(1)), true), (split.Identity.Id, split.Identity.IsNew));
        Assert.Empty(plan.Vanished);
    }

    [Fact]
    public void AStoryLeftWithNoMemberVanishes()
    {
        var set = new StoryWorkingSet
        {
            Articles = [],
            Removed = new Dictionary<string, string?> { [Id(2)] = "s2" },
            Stories = new Dictionary<string, StoredStory> { ["s2"] = Stored("s2", 1, 2) },
        };

        var plan = StoryPlanner.Plan(set, Options);

        Assert.Empty(plan.Stories);
        Assert.Equal(["s2"], plan.Vanished);
    }

    [Fact]
    public void AChangeReachingAStoryNotReadAsksForIt()
    {
        var plan = Plan([Article(1, changed: true, related: [9]), Article(9, story: "s9")]);

        Assert.Equal(["s9"], plan.MissingStories);
        Assert.Empty(plan.Stories);
    }

    [Fact]
    public void AJournaledArticleWhoseStoryInputsStandKeepsItsStoryWhole()
    {
        var plan = Plan(
            [Article(5, story: "s5", related: [6], journaled: true), Article(6, story: "s5")],
            Stored("s5", 2, 5, 6));

        var story = Assert.Single(plan.Stories);
        Assert.Equal(("s5", 2), (story.Identity.Id, story.Members.Count));
        Assert.All(story.Members, m => Assert.Null(m.Reason));
    }

    [Fact]
    public void ANewIdThatOnceNamedAStoryIsNotGivenAgain()
    {
        var set = new StoryWorkingSet
        {
            Articles = [Article(1, changed: true)],
            Stories = new Dictionary<string, StoredStory>(),
            TakenIds = new HashSet<string> { Id(1) },
        };

        var story = Assert.Single(StoryPlanner.Plan(set, Options).Stories);

        Assert.Equal(StoryIdentityPlanner.SplitId(Id(1), Id(1)), story.Identity.Id);
    }

    [Fact]
    public void APlainTextArticleAloneInItsStoryJoinsTheStoryOfAFreshArticleItResembles()
    {
        var text = Article(7, story: "s7") is var alone
            ? alone with { Record = alone.Record with { Member = alone.Record.Member with { TextOnly = true, PublishedTicks = null, Sketch = [1, 2, 3, 4] }, Score = new Serverless.Domain.Articles.ArticleScore("s7", 1, 1, 40, false, ["ai"]) } }
            : null!;
        var fresh = Article(1, changed: true) is var f ? f with { Record = f.Record with { Member = f.Record.Member with { Sketch = [1, 2, 3, 4] } } } : null!;

        var plan = Plan([fresh, text], Stored("s7", 1, 7));

        var story = Assert.Single(plan.Stories);
        Assert.Equal(("s7", 2), (story.Identity.Id, story.Members.Count));
        Assert.Equal(StoryJoinReason.Text, story.Members.Single(m => m.Id == 1).Reason!.Kind);
    }

    private static StoryPlan Plan(IReadOnlyList<StoryCandidate> articles, params StoredStory[] stories) =>
        StoryPlanner.Plan(new StoryWorkingSet { Articles = articles, Stories = stories.ToDictionary(s => s.Identity.Id, StringComparer.Ordinal) }, Options);

    private static StoredStory Stored(string id, int members, params UInt128[] ids) => new(new StoryIdentity(id, members, Day), ids);

    private static string Id(UInt128 id) => StoryIds.Format(id);

    private static StoryCandidate Article(UInt128 id, bool changed = false, string? story = null, UInt128[]? related = null, bool journaled = false)
    {
        // Sketches of words no two articles share: only related lists join them.
        var member = new StoryMember(id, Day + (long)id, false, 50, (ulong)id, [(uint)(id * 1000), (uint)(id * 1000) + 1]);
        var record = new ScoringRecord(Id(id), null, 50, new DateTimeOffset(Day + (long)id, TimeSpan.Zero), null, ["ai"], member, related ?? [], []);
        return new StoryCandidate(record, story, changed, changed || journaled);
    }
}
