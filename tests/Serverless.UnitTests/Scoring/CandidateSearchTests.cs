using Serverless.Domain.Scoring;

namespace Serverless.UnitTests.Scoring;

public sealed class CandidateSearchTests
{
    [Fact]
    public void CandidatesComeFromTheRarestWordsOnly()
    {
        // The article (0) has 16 rare words (101..116), each in one other article, and a common word (1), in five:
        // the common word is the 17th rarest, past the words searched, however small its hash.
        var members = new List<StoryMember> { Members.Of(0, [1, .. Words(101, 16)]) };
        members.AddRange(Enumerable.Range(0, 16).Select(k => Members.Of(1 + k, [(uint)(101 + k)])));
        members.AddRange(Enumerable.Range(0, 5).Select(k => Members.Of(17 + k, [1])));

        var found = Search(members, self: 0);

        Assert.Equal(Enumerable.Range(1, 16), found);
    }

    [Fact]
    public void AtMostTheComparisonLimitAreKeptThoseSharingTheMostWordsFirst()
    {
        // The article shares one of its 16 words with each of 40 others, three with article 41 and two with 42.
        var members = new List<StoryMember> { Members.Of(0, Words(1, 16)) };
        members.AddRange(Enumerable.Range(0, 40).Select(k => Members.Of(1 + k, [(uint)(1 + (k % 16))])));
        members.Add(Members.Of(41, [5, 6, 7]));
        members.Add(Members.Of(42, [9, 10]));

        var found = Search(members, self: 0);

        Assert.Equal(CandidateSearch.Comparisons, found.Length);
        Assert.Equal([41, 42], found[..2]);
        Assert.Equal(found.Length, found.Distinct().Count());
        Assert.DoesNotContain(0, found);
    }

    [Fact]
    public void OnlyTheLatestPostingsOfAWordAreLookedAt()
    {
        var members = Enumerable.Range(0, 101).Select(k => Members.Of(k, [7])).ToList();

        // A word in every article is frequent unless the share allows it.
        var found = Search(members, self: 0, posted: Enumerable.Range(1, 100), maxWordShare: 1.0);

        // The latest 64 postings are articles 37..100; all share one word, so the first 32 found are kept.
        Assert.Equal(Enumerable.Range(37, CandidateSearch.Comparisons), found);
    }

    [Fact]
    public void FrequentWordsAreNotSearched()
    {
        // Word 1 is in all 61 articles (frequent above 50), word 2 only in the article and in article 5.
        var members = Enumerable.Range(0, 61).Select(k => Members.Of(k, k is 0 or 5 ? [1, 2] : [1])).ToList();

        Assert.Equal([5], Search(members, self: 0));
    }

    [Fact]
    public void ADatedSearchLooksInItsOwnAndThePreviousBucketAtEligibleArticles()
    {
        var members = Enumerable.Range(0, 6).Select(k => Members.Of(k, [3, 4])).ToList();
        var weights = WordWeights.From(members, maxWordShare: 0.05);
        var index = new PostingLists<(uint Word, long Bucket)>(weights);
        var buckets = new long[] { 5, 3, 4, 4, 5, 5 };
        for (var k = 1; k < members.Count; k++)
        {
            index.Add(k, members[k], word => (word, buckets[k]));
        }

        var found = new CandidateSearch(members.Count, weights).Dated(0, members[0], 5, index, c => c != 3).ToArray();

        Assert.Equal([2, 4, 5], found);
    }

    [Fact]
    public void EachSearchStartsAfresh()
    {
        var members = Enumerable.Range(0, 4).Select(k => Members.Of(k, [3, 4])).ToList();
        var weights = WordWeights.From(members, maxWordShare: 0.05);
        var index = new PostingLists<uint>(weights);
        index.Add(2, members[2], word => word);
        var search = new CandidateSearch(members.Count, weights);

        Assert.Equal([2], search.Text(0, members[0], index).ToArray());
        Assert.Equal([2], search.Text(1, members[1], index).ToArray());
        Assert.Equal([2], search.Text(3, members[3], index).ToArray());
    }

    private static uint[] Words(uint first, int count) => [.. Enumerable.Range(0, count).Select(k => first + (uint)k)];

    /// <summary>Searches for <paramref name="self"/> through all the others (or those <paramref name="posted"/>), posted in index order.</summary>
    private static int[] Search(List<StoryMember> members, int self, IEnumerable<int>? posted = null, double maxWordShare = 0.05)
    {
        var weights = WordWeights.From(members, maxWordShare);
        var index = new PostingLists<uint>(weights);
        foreach (var k in posted ?? Enumerable.Range(0, members.Count).Where(k => k != self))
        {
            index.Add(k, members[k], word => word);
        }

        return new CandidateSearch(members.Count, weights).Text(self, members[self], index).ToArray();
    }
}
