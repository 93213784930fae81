namespace Serverless.Domain.Scoring;

/// <summary>
/// For each key (a word, or a word and a time bucket), the members whose sketch holds that word, in the order they
/// were added: the latest postings are at the end. Frequent words (<see cref="WordWeights.IsFrequent"/>) are not
/// posted: they would make every article a candidate of every other.
/// </summary>
/// <typeparam name="TKey">What a posting list is kept per.</typeparam>
internal sealed class PostingLists<TKey>
    where TKey : notnull
{
    private readonly Dictionary<TKey, List<int>> _lists = [];
    private readonly WordWeights _weights;

    /// <param name="weights">Which words are frequent.</param>
    public PostingLists(WordWeights weights)
    {
        _weights = weights;
    }

    /// <summary>Posts member <paramref name="index"/> under the <paramref name="key"/> of each of its words that is not frequent.</summary>
    public void Add(int index, StoryMember member, Func<uint, TKey> key)
    {
        foreach (var word in member.Sketch)
        {
            if (_weights.IsFrequent(word))
            {
                continue;
            }

            var posting = key(word);
            if (!_lists.TryGetValue(posting, out var postings))
            {
                _lists[posting] = postings = [];
            }

            postings.Add(index);
        }
    }

    /// <summary>The members posted under a key so far, oldest first; null when none.</summary>
    public List<int>? this[TKey key] => _lists.GetValueOrDefault(key);
}
