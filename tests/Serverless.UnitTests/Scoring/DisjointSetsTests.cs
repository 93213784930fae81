using Serverless.Domain.Scoring;

namespace Serverless.UnitTests.Scoring;

public sealed class DisjointSetsTests
{
    [Fact]
    public void EachIdGetsOneNodeNumberedInTheOrderFirstSeen()
    {
        var sets = new DisjointSets();

        var a = sets.Node(30);
        var b = sets.Node(10);
        var again = sets.Node(30);

        Assert.Equal([0, 1, 0], new[] { a, b, again });
        Assert.Equal(2, sets.Count);
        Assert.False(sets.Same(a, b));
    }

    [Fact]
    public void TheRepresentativeIsTheNodeSeenFirstWhateverTheOrderOfTheUnions()
    {
        var sets = new DisjointSets();
        var nodes = Enumerable.Range(0, 6).Select(i => sets.Node((UInt128)(100 - i))).ToArray();

        sets.Union(nodes[5], nodes[4]);
        sets.Union(nodes[3], nodes[5]);
        Assert.Equal(nodes[3], sets.Find(nodes[4]));

        sets.Union(nodes[4], nodes[1]);
        Assert.All(new[] { 1, 3, 4, 5 }, n => Assert.Equal(nodes[1], sets.Find(nodes[n])));
        Assert.Equal(nodes[0], sets.Find(nodes[0]));
        Assert.Equal(nodes[2], sets.Find(nodes[2]));
    }

    [Fact]
    public void UnionIsTransitiveAndIdempotent()
    {
        var sets = new DisjointSets();
        var a = sets.Node(1);
        var b = sets.Node(2);
        var c = sets.Node(3);

        sets.Union(a, b);
        sets.Union(b, c);
        sets.Union(c, a);

        Assert.True(sets.Same(a, c));
        Assert.Equal(a, sets.Find(c));
        Assert.Equal(3, sets.Count);
    }

    [Fact]
    public void ALongChainFindsItsRepresentative()
    {
        var sets = new DisjointSets();
        for (var i = 0; i < 10_000; i++)
        {
            sets.Node((UInt128)i);
        }

        // Each union hangs the earlier root under the later node's root: the worst order for a naive find.
        for (var i = 9_999; i > 0; i--)
        {
            sets.Union(i, i - 1);
        }

        Assert.All(Enumerable.Range(0, 10_000), i => Assert.Equal(0, sets.Find(i)));
    }
}
