using Serverless.Domain.Scoring;

namespace Serverless.UnitTests.Scoring;

public sealed class MostSharedCandidatesTests
{
    [Fact]
    public void KeepsTheLimitWithTheMostHitsMostFirstAndEqualsInTheOrderFound()
    {
        var hits = new int[20];
        (hits[10], hits[11], hits[12], hits[13], hits[14], hits[15]) = (1, 3, 2, 3, 1, 1);

        List<int> three = [10, 11, 12, 13, 14, 15];
        MostSharedCandidates.Keep(three, hits, limit: 3, maxHits: 4);
        List<int> five = [10, 11, 12, 13, 14, 15];
        MostSharedCandidates.Keep(five, hits, limit: 5, maxHits: 4);

        Assert.Equal([11, 13, 12], three);
        Assert.Equal([11, 13, 12, 10, 14], five);
    }

    [Fact]
    public void AllEqualKeepsTheFirstFound()
    {
        var hits = Enumerable.Repeat(2, 50).ToArray();
        var candidates = Enumerable.Range(0, 50).Reverse().ToList();

        MostSharedCandidates.Keep(candidates, hits, limit: 32, maxHits: 32);

        Assert.Equal(Enumerable.Range(18, 32).Reverse(), candidates);
    }
}
