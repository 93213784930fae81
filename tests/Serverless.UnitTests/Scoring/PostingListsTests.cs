using Serverless.Domain.Scoring;

namespace Serverless.UnitTests.Scoring;

public sealed class PostingListsTests
{
    [Fact]
    public void EachWordListsItsArticlesInTheOrderAddedExceptFrequentWords()
    {
        // Word 1 is in all 60 articles (frequent above 50); word 2 in articles 3 and 8, word 4 in article 8.
        var members = Enumerable.Range(0, 60).Select(k => Members.Of(k, k switch { 3 => [1, 2], 8 => [1, 2, 4], _ => [1] })).ToList();
        var weights = WordWeights.From(members, maxWordShare: 0.05);
        var index = new PostingLists<uint>(weights);

        index.Add(8, members[8], word => word);
        index.Add(3, members[3], word => word);

        Assert.Equal([8, 3], index[2]);
        Assert.Equal([8], index[4]);
        Assert.Null(index[1]);
        Assert.Null(index[99]);
    }

    [Fact]
    public void TheKeyDecidesWhichListAWordIsPostedIn()
    {
        var members = Enumerable.Range(0, 3).Select(k => Members.Of(k, [5])).ToList();
        var index = new PostingLists<(uint Word, long Bucket)>(WordWeights.From(members, maxWordShare: 0.05));

        index.Add(0, members[0], word => (word, 1));
        index.Add(1, members[1], word => (word, 2));
        index.Add(2, members[2], word => (word, 1));

        Assert.Equal([0, 2], index[(5, 1)]);
        Assert.Equal([1], index[(5, 2)]);
    }
}
