using Microsoft.Extensions.Options;
using Serverless.Domain.Topics;
using Serverless.UnitTests.Support;

namespace Serverless.UnitTests.Topics;

public sealed class TopicTaxonomyTests
{
    private readonly TopicTaxonomy _taxonomy = TopicTaxonomy.Load(Options.Create(new TopicOptions()));

    [Fact]
    public void BuiltInTaxonomyHasTheCorpusTopics()
    {
        Assert.True(_taxonomy.Topics.Count >= 15);
        Assert.Equal("AI Ethics", _taxonomy.Find("ai-ethics")!.Name);
        Assert.Equal("ai", _taxonomy.Find("ai-ethics")!.ParentId);
    }

    [Fact]
    public void TopicNamesMapToIdsWithTheirParents() =>
        Assert.Equal(["ai-ethics", "ai"], _taxonomy.Resolve(["AI Ethics"], null, null));

    [Fact]
    public void UnknownTopicsGetUrlSafeSlugs()
    {
        var topics = _taxonomy.Resolve(["Quantum / Computing #1?", "Ünïcode Tøpic", "\u0001\u0002"], null, null);

        Assert.Equal("quantum-computing-1", topics[0]);
        Assert.Equal("unicode-t-pic", topics[1]);
        Assert.StartsWith("topic-", topics[2]);
        Assert.All(topics, t => Assert.Matches("^[a-z0-9-]+$", t));
    }

    [Fact]
    public void UntaggedPlainTextGetsTopicsByKeyword()
    {
        var topics = _taxonomy.Resolve([], "Robotaxi service expands", "Driverless cars now serve two more cities.");

        Assert.Contains("ai-in-autos", topics);
        Assert.Contains("ai", topics);
    }

    [SharedDataFact]
    public void SharedTaxonomyFolderCanReplaceTheBuiltInOne()
    {
        var shared = TopicTaxonomy.Load(Options.Create(new TopicOptions { TaxonomyPath = Path.Combine(RepositoryPaths.Shared, "corpus", "topics") }));

        Assert.Equal("ai", shared.Find("machine-learning")!.ParentId);
        Assert.Equal(["ai-in-robotics", "ai"], shared.Resolve(["AI in Robotics"], null, null));
    }

    [Fact]
    public void UndefinedTopicsKeepTheArticlesSpellingAndTaxonomyTopicsAreLeftOut()
    {
        var spellings = _taxonomy.UndefinedSpellings(["AI", " Power Apps ", "power apps", "ai-ethics", "", "Power-Apps"]);

        Assert.Equal([new TopicSpelling("power-apps", "Power Apps")], spellings);
    }

    [Fact]
    public void ASpellingKeepsNoCharacterAFeedCannotCarry()
    {
        var spellings = _taxonomy.UndefinedSpellings(["Power\u0001 \t Apps\uD800", "Emoji \U0001F600 News"]);

        Assert.Equal(["Power Apps", "Emoji \U0001F600 News"], spellings.Select(s => s.Name));
        Assert.Equal(["power-apps", "emoji-news"], spellings.Select(s => s.TopicId));
        Assert.Equal(["power-apps", "ai"], _taxonomy.Resolve(["Power\uD800 Apps", "AI"], null, null));
    }
}
