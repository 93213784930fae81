using Serverless.Domain.Scoring;

namespace Serverless.UnitTests.Scoring;

public sealed class WordWeightsTests
{
    [Fact]
    public void AWordWeighsTheLogOfTheCollectionWithPseudoDocumentsOverItsArticles()
    {
        // Word 1 in all 10 articles, word 2 in 2 of them, word 3 in one.
        var members = Enumerable.Range(0, 10).Select(i => Members.Of(i, i switch { 0 => [1, 2, 3], 1 => [1, 2], _ => [1] })).ToList();

        var weights = WordWeights.From(members, maxWordShare: 0.05);

        Assert.Equal(Math.Log((10 + WordWeights.PseudoDocuments) / 10.5), weights[1], 12);
        Assert.Equal(Math.Log((10 + WordWeights.PseudoDocuments) / 2.5), weights[2], 12);
        Assert.True(weights[3] > weights[2] && weights[2] > weights[1] && weights[1] > 0);
        Assert.Equal(weights[1] + weights[2] + weights[3], weights.Total([1, 2, 3]), 12);
        Assert.Equal(0, weights.Total([]));
    }

    [Fact]
    public void AWordIsFrequentAboveItsShareOfTheCollection()
    {
        // 4,000 articles at a 5 % share: frequent in more than 200 articles. Word 1 is in 200, word 3 in 201.
        var members = Enumerable.Range(0, 4_000).Select(i => Members.Of(i, i < 200 ? [1, 2, 3, 9] : i == 200 ? [2, 3, 9] : i < 401 ? [2, 9] : [9])).ToList();

        var weights = WordWeights.From(members, maxWordShare: 0.05);

        Assert.False(weights.IsFrequent(1));
        Assert.True(weights.IsFrequent(3));
        Assert.True(weights.IsFrequent(2));
        Assert.True(weights.IsFrequent(9));
    }

    [Fact]
    public void InASmallCollectionNoWordIsFrequentUntilManyArticlesUseIt()
    {
        var few = Enumerable.Range(0, 5).Select(i => Members.Of(i, [1, 2])).ToList();
        var some = Enumerable.Range(0, 60).Select(i => Members.Of(i, i < 50 ? [1, 2] : [2])).ToList();

        Assert.False(WordWeights.From(few, maxWordShare: 0.05).IsFrequent(1));
        Assert.False(WordWeights.From(some, maxWordShare: 0.05).IsFrequent(1));
        Assert.True(WordWeights.From(some, maxWordShare: 0.05).IsFrequent(2));
    }
}
