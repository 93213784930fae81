namespace Serverless.Domain.Scoring;

/// <summary>
/// How much a shared word says that two articles are the same story: its inverse document frequency over the
/// collection, and whether it is so frequent (in more than <see cref="StoryOptions.MaxWordShare"/> of the articles,
/// and more than <see cref="MinFrequentArticles"/>) that it carries no story signal and is not searched by.
/// </summary>
internal sealed class WordWeights
{
    /// <summary>
    /// Pseudo-documents in which no word occurs: see <see cref="From"/>. A rescoring run weighs words over the articles
    /// it loaded (the window around its changes), a few dozen to thousands, so the weights must not swing with that
    /// set's size. Measured on the shared corpus streamed ten files a run (IncrementalEquivalenceTests): at 50 the
    /// Gizmodo sample fell out of its story in publication order (similarity just under 0.08 over July and August, 0.086
    /// over the corpus), at 150 and 200 two distinct July stories joined; at 100 both orders give exactly the stories of
    /// one clustering from scratch, and that clustering is the same as at 50 (the fingerprint tests).
    /// </summary>
    public const double PseudoDocuments = 100;

    /// <summary>A word is frequent only in more articles than this, however small the collection.</summary>
    public const int MinFrequentArticles = 50;

    private readonly Dictionary<uint, double> _idf;
    private readonly HashSet<uint> _frequent;

    private WordWeights(Dictionary<uint, double> idf, HashSet<uint> frequent)
    {
        _idf = idf;
        _frequent = frequent;
    }

    /// <summary>The weights of the words of these members' sketches.</summary>
    public static WordWeights From(IReadOnlyList<StoryMember> members, double maxWordShare)
    {
        var documentFrequency = new Dictionary<uint, int>();
        foreach (var member in members)
        {
            foreach (var word in member.Sketch)
            {
                documentFrequency[word] = documentFrequency.GetValueOrDefault(word) + 1;
            }
        }

        var n = members.Count;
        var limit = Math.Max(MinFrequentArticles, maxWordShare * n);
        var frequent = documentFrequency.Where(kv => kv.Value > limit).Select(kv => kv.Key).ToHashSet();
        // Pseudo-documents in which no word occurs keep a small collection (a handful of uploads) from treating every
        // shared word as common: IDF only starts to discount a word once many articles really use it.
        var idf = documentFrequency.ToDictionary(kv => kv.Key, kv => Math.Log((n + PseudoDocuments) / (kv.Value + 0.5)));
        return new WordWeights(idf, frequent);
    }

    /// <summary>The weight of a word of the collection (a word no member has is an error).</summary>
    public double this[uint word] => _idf[word];

    public bool IsFrequent(uint word) => _frequent.Contains(word);

    /// <summary>The total weight of a sketch's words, summed in sketch order.</summary>
    public double Total(uint[] sketch)
    {
        double total = 0;
        foreach (var word in sketch)
        {
            total += _idf[word];
        }

        return total;
    }
}
