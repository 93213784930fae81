using Serverless.Domain.Scoring;

namespace Serverless.UnitTests.Scoring;

public sealed class StoryCoverageCountTests
{
    private static readonly HeatOptions Heat = new();

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
        UInt128[][] related = [[1], [], [], []];
        ulong[][] outlets = [[], [1, 4], [7, 8, 2], []];

        var coverage = StoryCoverageCount.Of(sets, members, nodes, related, outlets, Heat);

        Assert.Equal((StoryIds.Format(3), 3, 2, 70), (coverage[0].StoryId, coverage[0].Articles, coverage[0].Providers, coverage[0].MaxQuality));
        Assert.Equal(coverage[0], coverage[1]);
        // Two ingested articles and one cited entry at half; outlet 1 plus outlet 4 named by a related entry, at half.
        Assert.Equal(2.5, coverage[0].CountedArticles);
        Assert.Equal(1.5, coverage[0].CountedOutlets);
        Assert.Equal((StoryIds.Format(9), 1, 3, 40), (coverage[2].StoryId, coverage[2].Articles, coverage[2].Providers, coverage[2].MaxQuality));
        Assert.Equal(2, coverage[2].CountedOutlets);
        Assert.Equal((StoryIds.Format(20), 1, 1, 10), (coverage[3].StoryId, coverage[3].Articles, coverage[3].Providers, coverage[3].MaxQuality));
    }

    [Fact]
    public void AStoryWithoutKnownOutletsStillCountsOne()
    {
        var members = new List<StoryMember> { Members.Of(1, [], provider: 0), Members.Of(2, [], provider: 0) };
        var sets = new DisjointSets();
        var nodes = members.Select(m => sets.Node(m.Id)).ToList();
        sets.Union(nodes[1], nodes[0]);

        var coverage = StoryCoverageCount.Of(sets, members, nodes, [[], []], [[], []], Heat);

        Assert.All(coverage, c => Assert.Equal((StoryIds.Format(1), 2, 1, 50, 2.0, 1.0), (c.StoryId, c.Articles, c.Providers, c.MaxQuality, c.CountedArticles, c.CountedOutlets)));
    }

    [Fact]
    public void OneFilesInventedRelatedListAddsAtMostItsCapAtHalfWeight()
    {
        // One file naming 400 URLs from 400 outlets: it shows them all, but counts 1 + 3 × 0.5 articles and outlets.
        var invented = Enumerable.Range(1000, 400).Select(i => (UInt128)i).ToArray();
        var members = new List<StoryMember> { Members.Of(1, [], provider: 77) };
        var sets = new DisjointSets();
        var nodes = members.Select(m => sets.Node(m.Id)).ToList();
        foreach (var id in invented)
        {
            sets.Union(nodes[0], sets.Node(id));
        }

        var coverage = StoryCoverageCount.Of(sets, members, nodes, [invented], [[.. Enumerable.Range(5000, 400).Select(i => (ulong)i)]], Heat);

        Assert.Equal(401, coverage[0].Articles);
        Assert.Equal(1 + (Heat.MaxCitationsPerFile * Heat.CitationWeight), coverage[0].CountedArticles);
        Assert.Equal(1 + (Heat.MaxCitationsPerFile * Heat.CitationWeight), coverage[0].CountedOutlets);
    }

    [Fact]
    public void AnEntryCitedByIngestedArticlesOfTwoOutletsCountsFully()
    {
        var members = new List<StoryMember> { Members.Of(1, [], provider: 10), Members.Of(2, [], provider: 20), Members.Of(3, [], provider: 10) };
        var sets = new DisjointSets();
        var nodes = members.Select(m => sets.Node(m.Id)).ToList();
        sets.Union(nodes[0], sets.Node(100));
        sets.Union(nodes[1], sets.Node(100));
        sets.Union(nodes[2], sets.Node(200));
        sets.Union(nodes[2], nodes[0]);

        // 100 is cited by outlets 10 and 20 (corroborated); 200 only by outlet 10, and a second file of the same outlet
        // citing it would not corroborate it.
        var coverage = StoryCoverageCount.Of(sets, members, nodes, [[100], [100], [200]], [[], [], []], Heat);

        Assert.Equal(3 + 1 + Heat.CitationWeight, coverage[0].CountedArticles);
        Assert.Equal(2, coverage[0].CountedOutlets);
    }
}
