using Serverless.Domain.Scoring;

namespace Serverless.UnitTests.Scoring;

public sealed class StoryIdentityPlannerTests
{
    private const string A = "0000000000000000000000000000000a";
    private const string B = "0000000000000000000000000000000b";
    private const string C = "0000000000000000000000000000000c";

    [Fact]
    public void TheLargestStoryKeepsItsIdAndTheOthersResolveToIt()
    {
        var plan = StoryIdentityPlanner.Merge([new(A, 3, 100), new(C, 9, 500), new(B, 2, 50)], [B]);

        Assert.Equal((C, false), (plan.Id, plan.IsNew));
        Assert.Equal([A, B], plan.Absorbed);
    }

    [Fact]
    public void OnEqualSizeTheOlderStorySurvivesThenTheSmallerId()
    {
        Assert.Equal(B, StoryIdentityPlanner.Merge([new(A, 4, 200), new(B, 4, 100)], []).Id);
        Assert.Equal(A, StoryIdentityPlanner.Merge([new(B, 4, 100), new(A, 4, 100)], []).Id);
    }

    [Fact]
    public void NewArticlesAloneAreNamedByTheirSmallestId()
    {
        var plan = StoryIdentityPlanner.Merge([], [C, A, B]);

        Assert.Equal((A, true), (plan.Id, plan.IsNew));
        Assert.Empty(plan.Absorbed);
    }

    [Fact]
    public void ArticlesJoiningOneStoryLeaveItsIdAsItWas()
    {
        var plan = StoryIdentityPlanner.Merge([new(C, 1, 900)], [A, B]);

        Assert.Equal((C, false), (plan.Id, plan.IsNew));
        Assert.Empty(plan.Absorbed);
    }

    [Fact]
    public void ASplitKeepsTheIdForTheLargestPartAndGivesTheOthersIdsNoArticleHas()
    {
        var parts = new List<(IReadOnlyCollection<string>, long)> { ([A], 10), ([B, C], 20) };

        var plans = StoryIdentityPlanner.Split(A, parts);

        Assert.Equal(A, plans[1].Id);
        Assert.False(plans[1].IsNew);
        Assert.True(plans[0].IsNew);
        Assert.NotEqual(A, plans[0].Id);
        Assert.Equal(StoryIdentityPlanner.SplitId(A, A), plans[0].Id);
        Assert.Matches("^[0-9a-f]{32}$", plans[0].Id);
    }

    [Fact]
    public void OnEqualPartsTheOneWithTheOldestMemberKeepsTheId()
    {
        var plans = StoryIdentityPlanner.Split(C, [([B], 20), ([A], 30)]);

        Assert.Equal([C, StoryIdentityPlanner.SplitId(C, A)], plans.Select(p => p.Id));
    }
}
