using Serverless.Domain.Scoring;

namespace Serverless.UnitTests.Scoring;

public sealed class StoryCoverageCountTests
{
    [Fact]
    public void AStoryCountsItsNodesOutletsAndBestQualityAndIsNamedByItsSmallestMember()
    {
        var members = new List<StoryMember>
        {
            Members.Of(5, [], quality: 30, provider: 1),
            Members.Of(3, [], quality: 70, provider: 0),
            Members.Of(9, [], quality: 40, provider: 2),
            Members.Of(20, [], quality: 10, provider: 0),
        };
        var sets = new DisjointSets();
        var nodes = members.Select(m => sets.Node(m.Id)).ToList();
        sets.Union(nodes[0], nodes[1]);
        // A URL known only from the first member's related list: it counts as an article of the story, but the story
        // is named by a member, not by it.
        sets.Union(nodes[0], sets.Node(1));
        var relatedProviders = new Dictionary<int, HashSet<ulong>> { [nodes[1]] = [1, 4], [nodes[2]] = [7, 8, 2] };

        var coverage = StoryCoverageCount.Of(sets, members, nodes, relatedProviders);

        Assert.Equal(new StoryCoverage(StoryIds.Format(3), 3, 2, 70), coverage[0]);
        Assert.Equal(coverage[0], coverage[1]);
        Assert.Equal(new StoryCoverage(StoryIds.Format(9), 1, 3, 40), coverage[2]);
        Assert.Equal(new StoryCoverage(StoryIds.Format(20), 1, 1, 10), coverage[3]);
    }

    [Fact]
    public void AStoryWithoutKnownOutletsStillCountsOne()
    {
        var members = new List<StoryMember> { Members.Of(1, [], provider: 0), Members.Of(2, [], provider: 0) };
        var sets = new DisjointSets();
        var nodes = members.Select(m => sets.Node(m.Id)).ToList();
        sets.Union(nodes[1], nodes[0]);

        var coverage = StoryCoverageCount.Of(sets, members, nodes, new Dictionary<int, HashSet<ulong>>());

        Assert.All(coverage, c => Assert.Equal(new StoryCoverage(StoryIds.Format(1), 2, 1, 50), c));
    }
}
