using Microsoft.Extensions.Options;
using Serverless.Domain.Articles;
using Serverless.Domain.Scoring;
using Serverless.UnitTests.Support;

namespace Serverless.UnitTests.Scoring;

/// <summary>Story clustering on the real corpus: one story seen from five outlets, and distinct stories kept apart.</summary>
public sealed class StoryClustererTests
{
    private static readonly Lazy<Dictionary<string, StoryCoverage>> Stories = new(() => Cluster(includeCorpus: true));

    [SharedDataFact]
    public void TheFiveSamplesAreOneStory()
    {
        var samples = Directory.GetFiles(RepositoryPaths.Samples).Select(Path.GetFileName).ToList();

        var storyIds = samples.Select(name => Stories.Value[name!].StoryId).Distinct().ToList();

        Assert.Equal(5, samples.Count);
        Assert.Single(storyIds);
        Assert.True(Stories.Value[samples[0]!].Providers >= 5);
    }

    [SharedDataFact]
    public void TheFiveSamplesAreOneStoryEvenWithNothingElseIngested()
    {
        var alone = Cluster(includeCorpus: false);

        Assert.Single(alone.Values.Select(s => s.StoryId).Distinct());
    }

    [SharedDataFact]
    public void TheReadmesWorkedExampleHolds()
    {
        // README "Heat", worked example: the five samples alone show 16 articles from 14 outlets, and the heat formula
        // counts 8 and 6 under the trust rules.
        var alone = Cluster(includeCorpus: false);
        var story = alone.Values.First();
        Assert.Equal((16, 14, 47, 8.0, 6.0), (story.Articles, story.Providers, story.MaxQuality, story.CountedArticles, story.CountedOutlets));
        var heat = new HeatScorer(Options.Create(new HeatOptions()));
        Assert.Equal(
            [("000_dfec47ea3db8929c.txt", 36.4), ("001_995e677f20975440.txt", 59.9), ("002_30fe55b47ae54c5c.txt", 76.1), ("003_6962ef91c70fe8ed.txt", 86.4), ("004_30cbf47528fc6f09.txt", 76.1)],
            alone.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (kv.Key, Math.Round(heat.BaseHeat(Quality(kv.Key), kv.Value), 1))));
    }

    [SharedDataFact]
    public void DistinctJuly2023StoriesStayApart()
    {
        var hollywood = Stories.Value["000_dfec47ea3db8929c.txt"].StoryId;
        var llama = Story("2023-07-19-meta-has-launched-a-new-open-source-ai");
        var whiteHouse = Story("2023-07-21-the-white-house-and-big-tech-companies");
        var pledge = Story("2023-07-21-top-tech-companies-pledge-not-to-be-reckless");
        var gptBot = Story("2023-08-09-openai-just-admitted-it-has-a-bot");

        Assert.Equal(whiteHouse, pledge);
        var distinct = new[] { hollywood, llama, whiteHouse, gptBot };
        Assert.Equal(distinct.Length, distinct.Distinct().Count());
    }

    [SharedDataFact]
    public void ArticlesListingTheSameRelatedUrlsAreOneStory()
    {
        Assert.Equal(
            Story("2023-07-28-netflix-criticized-for-posting-ai-jobs"),
            Story("2023-07-28-disney-netflix-amazon-apple-and-sony-ramp-up-ai-hiring"));
    }

    [Fact]
    public void ALaterUploadJoinsAnEarlierStoryThroughItsRelatedList()
    {
        var clusterer = new StoryClusterer(new StoryOptions());
        var first = StoryClusterer.ParseId(ArticleIdentity.FromCanonicalUrl("https://a.example/1"));
        var second = StoryClusterer.ParseId(ArticleIdentity.FromCanonicalUrl("https://b.example/2"));
        clusterer.Add(new StoryMember(first, 0, false, 50, 1, []), [], []);
        clusterer.Add(new StoryMember(second, 0, false, 80, 2, []), [first], []);

        var stories = clusterer.Cluster();

        Assert.Equal(stories[0].StoryId, stories[1].StoryId);
        Assert.Equal(2, stories[0].Articles);
        Assert.Equal(2, stories[0].Providers);
        Assert.Equal(80, stories[0].MaxQuality);
    }

    [SharedDataFact]
    public void StoriesOfDatedArticlesDoNotDependOnTheOrderTheyAreRead()
    {
        // Rescoring reads articles shard by shard, so a new upload lands anywhere in the order: the grouping of the
        // articles already there must not move because of where it lands.
        var forward = Cluster(includeCorpus: true, reversed: false);
        var backward = Cluster(includeCorpus: true, reversed: true);

        var dated = forward.Keys.Where(name => name.StartsWith("20", StringComparison.Ordinal)).ToList();
        Assert.True(dated.Count > 50);
        Assert.All(dated, name => Assert.Equal(forward[name], backward[name]));
        Assert.True(dated.Select(name => forward[name].StoryId).Distinct().Count() < dated.Count, "some corpus articles form stories");
    }

    private static int? Quality(string sample) => Parsers.Create().Parse(File.ReadAllBytes(Path.Combine(RepositoryPaths.Samples, sample)), sample).Article!.Quality;

    private static string Story(string filePrefix) =>
        Stories.Value.Single(kv => kv.Key.StartsWith(filePrefix, StringComparison.Ordinal)).Value.StoryId;

    private static Dictionary<string, StoryCoverage> Cluster(bool includeCorpus, bool reversed = false)
    {
        var parser = Parsers.Create();
        var clusterer = new StoryClusterer(new StoryOptions());
        var files = Directory.GetFiles(RepositoryPaths.Samples).Concat(includeCorpus ? Directory.GetFiles(RepositoryPaths.Corpus) : []).ToList();
        if (reversed)
        {
            files.Reverse();
        }

        foreach (var file in files)
        {
            var article = parser.Parse(File.ReadAllBytes(file), Path.GetFileName(file)).Article!;
            var summary = ArticleSummary.From(article, DateTimeOffset.UnixEpoch, TextSketch.Encode(TextSketch.Compute(TextSketch.TextOf(article))));
            clusterer.Add(StoryMembers.From(summary, 40), StoryMembers.RelatedIds(summary), StoryMembers.RelatedProviders(summary));
        }

        var stories = clusterer.Cluster();
        return files.Select((file, i) => (Path.GetFileName(file), stories[i])).ToDictionary(x => x.Item1, x => x.Item2);
    }
}
