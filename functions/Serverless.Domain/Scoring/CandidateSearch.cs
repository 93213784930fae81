using System.Runtime.InteropServices;

namespace Serverless.Domain.Scoring;

/// <summary>
/// Finds the few earlier members an article is compared with. Articles of one story share their distinctive words,
/// so the search goes through the article's <see cref="Words"/> rarest indexed words and the latest
/// <see cref="Postings"/> postings of each: that bounds the work per article however many near-copies the collection
/// holds. Of the members found, the <see cref="Comparisons"/> sharing the most of these words are kept, most first.
/// </summary>
internal sealed class CandidateSearch
{
    // One similar article is enough to join a story; at 100,000 articles 64 postings find the same 1,244 stories as
    // 256 did, in a third of the time.
    public const int Words = 16;
    public const int Postings = 64;

    // A story's members share most of the rare words, and on a collection that reuses its words freely the rest are
    // hundreds of near misses.
    public const int Comparisons = 32;

    // A member is hit at most once per postings list: two (the previous and its own time bucket) for each word.
    private const int MaxHits = Words * 2;

    private readonly WordWeights _weights;
    private readonly int[] _stamps;
    private readonly int[] _hits;
    private readonly List<int> _candidates = new(Words * Postings);
    private readonly List<WordPostings> _words = new(TextSketch.Size);

    /// <param name="members">How many members there are: candidates are indexes below it.</param>
    /// <param name="weights">Which words are frequent, and not searched by.</param>
    public CandidateSearch(int members, WordWeights weights)
    {
        _weights = weights;
        _stamps = new int[members];
        _hits = new int[members];
    }

    /// <summary>
    /// Candidates for dated member <paramref name="self"/> among the postings of its own and the previous time bucket
    /// that are <paramref name="eligible"/>. Members are searched in publication order, so no later bucket holds any
    /// yet. The span is valid until the next search.
    /// </summary>
    public ReadOnlySpan<int> Dated(int self, StoryMember member, long bucket, PostingLists<(uint Word, long Bucket)> index, Func<int, bool> eligible)
    {
        _words.Clear();
        foreach (var word in member.Sketch)
        {
            if (!_weights.IsFrequent(word))
            {
                _words.Add(new WordPostings(word, index[(word, bucket - 1)], index[(word, bucket)]));
            }
        }

        return Search(self, eligible);
    }

    /// <summary>Candidates for member <paramref name="self"/> among all postings of its words. The span is valid until the next search.</summary>
    public ReadOnlySpan<int> Text(int self, StoryMember member, PostingLists<uint> index)
    {
        _words.Clear();
        foreach (var word in member.Sketch)
        {
            if (!_weights.IsFrequent(word))
            {
                _words.Add(new WordPostings(word, null, index[word]));
            }
        }

        return Search(self, static _ => true);
    }

    /// <summary>
    /// Collects each candidate once (<see cref="_stamps"/> marks those taken, or found not eligible, for
    /// <paramref name="self"/>), counting the rare words it shares, then keeps those sharing the most.
    /// </summary>
    private ReadOnlySpan<int> Search(int self, Func<int, bool> eligible)
    {
        _candidates.Clear();
        _words.RemoveAll(w => w.Count == 0);
        _words.Sort(static (a, b) => a.Count != b.Count ? a.Count.CompareTo(b.Count) : a.Word.CompareTo(b.Word));
        for (var w = 0; w < _words.Count && w < Words; w++)
        {
            Collect(_words[w].Older, self, eligible);
            Collect(_words[w].Newer, self, eligible);
        }

        if (_candidates.Count > Comparisons)
        {
            MostSharedCandidates.Keep(_candidates, _hits, Comparisons, MaxHits);
        }

        return CollectionsMarshal.AsSpan(_candidates);
    }

    private void Collect(List<int>? postings, int self, Func<int, bool> eligible)
    {
        if (postings is null)
        {
            return;
        }

        var taken = self + 1;
        for (var k = Math.Max(0, postings.Count - Postings); k < postings.Count; k++)
        {
            var candidate = postings[k];
            if (_stamps[candidate] != taken && _stamps[candidate] != -taken)
            {
                if (!eligible(candidate))
                {
                    _stamps[candidate] = -taken;
                    continue;
                }

                _stamps[candidate] = taken;
                _hits[candidate] = 0;
                _candidates.Add(candidate);
            }

            if (_stamps[candidate] == taken)
            {
                _hits[candidate]++;
            }
        }
    }

    /// <summary>A word of an article and its postings so far: in the previous time bucket (dated articles) and its own bucket, or all of them.</summary>
    private readonly record struct WordPostings(uint Word, List<int>? Older, List<int>? Newer)
    {
        public int Count => (Older?.Count ?? 0) + (Newer?.Count ?? 0);
    }
}
