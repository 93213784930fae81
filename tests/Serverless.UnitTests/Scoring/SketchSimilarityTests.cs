using Serverless.Domain.Scoring;

namespace Serverless.UnitTests.Scoring;

public sealed class SketchSimilarityTests
{
    [Fact]
    public void SimilarityIsSymmetricAndBetweenZeroAndOne()
    {
        var members = SyntheticCollection.Generate(300, seed: 7).Select(m => m.Member).ToList();
        var similarity = new SketchSimilarity(members, WordWeights.From(members, maxWordShare: 0.05));

        var scores = new List<double>();
        for (var a = 0; a < members.Count; a++)
        {
            for (var b = a + 1; b < members.Count; b++)
            {
                var score = similarity.Between(a, b);
                Assert.Equal(score, similarity.Between(b, a));
                Assert.InRange(score, 0, 1);
                scores.Add(score);
            }

            Assert.Equal(1, similarity.Between(a, a));
        }

        Assert.Contains(scores, s => s > 0.08);
        Assert.Contains(scores, s => s < 0.08);
    }

    [Fact]
    public void SketchesWithoutSharedWordsOrWithoutWordsScoreZero()
    {
        var members = new List<StoryMember> { Members.Of(0, [1, 2]), Members.Of(1, [3, 4]), Members.Of(2, []) };
        var similarity = new SketchSimilarity(members, WordWeights.From(members, maxWordShare: 0.05));

        Assert.Equal(0, similarity.Between(0, 1));
        Assert.Equal(0, similarity.Between(0, 2));
        Assert.Equal(0, similarity.Between(2, 2));
    }

    [Fact]
    public void ASharedRareWordCountsMoreThanASharedCommonOne()
    {
        // Word 1 is in every article, word 2 in two: sharing word 2 says more than sharing word 1.
        var members = Enumerable.Range(0, 20)
            .Select(i => Members.Of(i, i switch { 0 => [1, 10], 1 => [1, 11], 2 => [2, 12], 3 => [2, 13], _ => [1, (uint)(100 + i)] }))
            .ToList();
        var weights = WordWeights.From(members, maxWordShare: 0.05);
        var similarity = new SketchSimilarity(members, weights);

        Assert.True(similarity.Between(2, 3) > similarity.Between(0, 1));
        var expected = weights[2] / (weights.Total(members[2].Sketch) + weights.Total(members[3].Sketch) - weights[2]);
        Assert.Equal(expected, similarity.Between(2, 3), 12);
    }
}
