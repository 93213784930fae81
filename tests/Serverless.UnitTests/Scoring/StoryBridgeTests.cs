using Serverless.Domain.Scoring;

namespace Serverless.UnitTests.Scoring;

/// <summary>Joining is not bridging: one file can join a story, never weld two together (issue 27, rule 4).</summary>
public sealed class StoryBridgeTests
{
    private static readonly long Day = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;

    [Fact]
    public void ARoundupCitingTwoStoriesJoinsOneAndTheOtherStaysApart()
    {
        var clusterer = Clusterer();
        Add(clusterer, 1, hours: 0, outlet: 10);
        Add(clusterer, 2, hours: 1, outlet: 11, cites: [1]);
        Add(clusterer, 3, hours: 0.5, outlet: 20);
        Add(clusterer, 4, hours: 1.5, outlet: 21, cites: [3]);
        // Cites one article of the first story and two of the second: it joins the second (most links).
        Add(clusterer, 5, hours: 3, outlet: 30, cites: [1, 3, 4]);

        var stories = clusterer.Cluster();

        Assert.Equal(stories[0].StoryId, stories[1].StoryId);
        Assert.Equal(stories[2].StoryId, stories[3].StoryId);
        Assert.NotEqual(stories[0].StoryId, stories[2].StoryId);
        Assert.Equal(stories[2].StoryId, stories[4].StoryId);
        Assert.Equal((2, 3), (stories[0].Articles, stories[2].Articles));
    }

    [Fact]
    public void StoriesThatArticlesOfTwoOutletsLinkAreOne()
    {
        var clusterer = Clusterer();
        Add(clusterer, 1, hours: 0, outlet: 10);
        Add(clusterer, 3, hours: 0.5, outlet: 20);
        Add(clusterer, 5, hours: 3, outlet: 30, cites: [1, 3]);
        Add(clusterer, 6, hours: 4, outlet: 40, cites: [1, 3]);

        var stories = clusterer.Cluster();

        Assert.Single(stories.Select(s => s.StoryId).Distinct());
    }

    [Fact]
    public void ManyFilesOfOneOutletAreOneVoiceAndMergeNothing()
    {
        var clusterer = Clusterer();
        Add(clusterer, 1, hours: 0, outlet: 10);
        Add(clusterer, 3, hours: 0.5, outlet: 20);
        for (var i = 0; i < 5; i++)
        {
            Add(clusterer, 50 + i, hours: 3 + i, outlet: 30, cites: [1, 3]);
        }

        var stories = clusterer.Cluster();

        Assert.NotEqual(stories[0].StoryId, stories[1].StoryId);
    }

    [Fact]
    public void ATextBridgeJoinsTheStoryItIsMostLikeOnly()
    {
        var clusterer = Clusterer();
        var fillers = Enumerable.Range(0, 60).Select(i => string.Join(' ', Enumerable.Range(0, 12).Select(w => $"filler{i}word{w}"))).ToList();
        for (var i = 0; i < fillers.Count; i++)
        {
            Add(clusterer, 100 + i, hours: -40 + (i * 0.1), outlet: (ulong)(100 + i), text: fillers[i]);
        }

        string[] harbour = ["harbour", "cranes", "dockers", "strike", "containers", "shipping", "berth", "quay", "freight", "tugboat"];
        string[] comet = ["comet", "lander", "orbit", "telescope", "nucleus", "perihelion", "astronomers", "probe", "asteroid", "tail"];
        Add(clusterer, 1, hours: 0, outlet: 10, text: string.Join(' ', harbour));
        Add(clusterer, 2, hours: 0.5, outlet: 20, text: string.Join(' ', comet));
        // Says most of the harbour story and some of the comet story: similar to both, above the threshold.
        Add(clusterer, 3, hours: 1, outlet: 30, text: string.Join(' ', harbour.Take(8).Concat(comet.Take(4))));

        var stories = clusterer.Cluster();
        var (a, b, bridge) = (stories[60].StoryId, stories[61].StoryId, stories[62].StoryId);

        Assert.Equal(a, bridge);
        Assert.NotEqual(a, b);

        // It is alike to both, above the threshold: before this rule it joined both and welded them together.
        var members = Enumerable.Range(0, 60).Select(i => Member(100 + i, fillers[i])).Append(Member(1, string.Join(' ', harbour))).Append(Member(2, string.Join(' ', comet))).Append(Member(3, string.Join(' ', harbour.Take(8).Concat(comet.Take(4))))).ToList();
        var similarity = new SketchSimilarity(members, WordWeights.From(members, new StoryOptions().MaxWordShare));
        Assert.True(similarity.Between(62, 60) >= new StoryOptions().SimilarityThreshold);
        Assert.True(similarity.Between(62, 61) >= new StoryOptions().SimilarityThreshold, $"{similarity.Between(62, 61)}");
    }

    private static StoryClusterer Clusterer() => new(new StoryOptions());

    private static StoryMember Member(int id, string text) => new((UInt128)id, Day, false, 50, (ulong)id, TextSketch.Compute(text));

    private static void Add(StoryClusterer clusterer, int id, double hours, ulong outlet, int[]? cites = null, string text = "") =>
        clusterer.Add(
            new StoryMember((UInt128)id, Day + TimeSpan.FromHours(hours).Ticks, false, 50, outlet, TextSketch.Compute(text)),
            (cites ?? []).Select(c => (UInt128)c),
            []);
}
