using System.Globalization;

namespace Serverless.Domain.Scoring;

/// <summary>
/// Groups articles into stories. Articles are the same story when one's related list holds the other's canonical URL
/// or their related lists share one (union-find over URL ids, so a later upload can join an earlier story), or when
/// two dated articles within <see cref="StoryOptions.WindowDays"/> say the same thing (IDF-weighted overlap of their
/// word sketches at or above <see cref="StoryOptions.SimilarityThreshold"/>). Articles without URLs or dates (plain
/// text) then join the one story they resemble most, above the same threshold, and never merge two stories.
/// Memory is one <see cref="StoryMember"/> per article plus an id per distinct related URL.
/// </summary>
public sealed class StoryClusterer
{
    private const double PseudoDocuments = 50;

    // An article looks for its story through this many of its rarest words, and the latest postings of each. One
    // similar article is enough to join a story; at 100,000 articles 64 postings find the same 1,244 stories as 256
    // did, in a third of the time.
    private const int CandidateWords = 16;
    private const int CandidatePostings = 64;

    // Of those, an article is compared with at most this many (those sharing the most rare words): a story's members
    // share most of them, and on a collection that reuses its words freely the rest are hundreds of near misses.
    private const int CandidateComparisons = 32;
    private readonly StoryOptions _options;
    private readonly Dictionary<UInt128, int> _nodes = [];
    private readonly List<int> _parent = [];
    private readonly List<StoryMember> _members = [];
    private readonly List<int> _memberNodes = [];
    private readonly Dictionary<int, HashSet<ulong>> _relatedProviders = [];

    public StoryClusterer(StoryOptions options)
    {
        _options = options;
    }

    public int Count => _members.Count;

    /// <summary>Adds an article with the ids of the URLs its related list names and the outlets that published them.</summary>
    public void Add(StoryMember member, IEnumerable<UInt128> relatedIds, IEnumerable<ulong> relatedProviders)
    {
        var node = Node(member.Id);
        _members.Add(member);
        _memberNodes.Add(node);
        foreach (var related in relatedIds)
        {
            Union(node, Node(related));
        }

        foreach (var provider in relatedProviders)
        {
            if (!_relatedProviders.TryGetValue(node, out var set))
            {
                _relatedProviders[node] = set = [];
            }

            set.Add(provider);
        }
    }

    /// <summary>Clusters everything added and returns each article's story, in the order the articles were added.</summary>
    public StoryCoverage[] Cluster()
    {
        var idf = InverseDocumentFrequencies(out var frequent);

        // Each sketch's total weight, once: a comparison then looks up only the words two sketches share.
        var weights = new double[_members.Count];
        for (var i = 0; i < _members.Count; i++)
        {
            foreach (var word in _members[i].Sketch)
            {
                weights[i] += idf[word];
            }
        }

        var window = TimeSpan.FromDays(_options.WindowDays).Ticks;
        var stamps = new int[_members.Count];
        var hits = new int[_members.Count];
        var candidates = new List<int>(CandidateWords * CandidatePostings);
        var words = new List<WordPostings>(TextSketch.Size);

        // Dated articles with URLs: join pairs that say the same thing close in time. Postings are kept per word and
        // window-wide time bucket, so an article is compared only with articles of its own and the adjacent buckets,
        // through a bounded number of candidates: the work per article does not grow with the collection. Articles are
        // taken in publication order, so an article meets the same earlier ones however many arrive after it: a new
        // upload changes the stories it joins, not how the rest of the collection was grouped.
        var dated = new Dictionary<(uint Word, long Bucket), List<int>>();
        foreach (var i in DatedInPublicationOrder())
        {
            var member = _members[i];
            var bucket = member.PublishedTicks!.Value / window;
            var published = member.PublishedTicks.Value;
            DatedPostings(member, bucket, dated, frequent, words);
            LatestPostingsOfRarestWords(words, i, c => Math.Abs(_members[c].PublishedTicks!.Value - published) <= window, stamps, hits, candidates);
            foreach (var candidate in candidates)
            {
                if (Find(_memberNodes[i]) != Find(_memberNodes[candidate]) &&
                    Similarity(member.Sketch, weights[i], _members[candidate].Sketch, weights[candidate], idf) >= _options.SimilarityThreshold)
                {
                    Union(_memberNodes[i], _memberNodes[candidate]);
                }
            }

            AddToIndex(i, member, dated, word => (word, bucket), frequent);
        }

        // Articles with nothing but text join the single story they resemble most. They have no date to narrow the
        // search, so candidates come from their rarest indexed words, and only the latest postings of each are looked at.
        var index = new Dictionary<uint, List<int>>();
        for (var i = 0; i < _members.Count; i++)
        {
            var member = _members[i];
            if (!member.TextOnly && member.PublishedTicks is not null)
            {
                AddToIndex(i, member, index, word => word, frequent);
            }
        }

        for (var i = 0; i < _members.Count; i++)
        {
            var member = _members[i];
            if (!member.TextOnly && member.PublishedTicks is not null)
            {
                continue;
            }

            var best = -1;
            var bestScore = _options.SimilarityThreshold;
            TextPostings(member, index, frequent, words);
            LatestPostingsOfRarestWords(words, i, _ => true, stamps, hits, candidates);
            foreach (var candidate in candidates)
            {
                var score = Similarity(member.Sketch, weights[i], _members[candidate].Sketch, weights[candidate], idf);
                if (score >= bestScore)
                {
                    (best, bestScore) = (candidate, score);
                }
            }

            if (best >= 0)
            {
                Union(_memberNodes[i], _memberNodes[best]);
            }

            AddToIndex(i, member, index, word => word, frequent);
        }

        return Coverage();
    }

    /// <summary>
    /// The postings of the member's indexed words in its own and the previous time bucket. Articles are taken in
    /// publication order, so no later bucket holds any yet.
    /// </summary>
    private static void DatedPostings(StoryMember member, long bucket, Dictionary<(uint, long), List<int>> index, HashSet<uint> frequent, List<WordPostings> words)
    {
        words.Clear();
        foreach (var word in member.Sketch)
        {
            if (!frequent.Contains(word))
            {
                words.Add(new WordPostings(word, index.GetValueOrDefault((word, bucket - 1)), index.GetValueOrDefault((word, bucket))));
            }
        }
    }

    private static void TextPostings(StoryMember member, Dictionary<uint, List<int>> index, HashSet<uint> frequent, List<WordPostings> words)
    {
        words.Clear();
        foreach (var word in member.Sketch)
        {
            if (!frequent.Contains(word))
            {
                words.Add(new WordPostings(word, null, index.GetValueOrDefault(word)));
            }
        }
    }

    /// <summary>
    /// Articles of one story share their distinctive words: the member's rarest indexed words, and the latest
    /// postings of each, bound the work per article however many near-copies the collection holds. Fills
    /// <paramref name="candidates"/>, each once (<paramref name="stamps"/> marks those taken for article
    /// <paramref name="self"/>), those sharing the most of these words first: they are the likeliest to be the same
    /// story, and only the first <see cref="CandidateComparisons"/> are compared.
    /// </summary>
    private static void LatestPostingsOfRarestWords(List<WordPostings> words, int self, Func<int, bool> eligible, int[] stamps, int[] hits, List<int> candidates)
    {
        candidates.Clear();
        words.RemoveAll(w => w.Count == 0);
        words.Sort(static (a, b) => a.Count != b.Count ? a.Count.CompareTo(b.Count) : a.Word.CompareTo(b.Word));
        for (var w = 0; w < words.Count && w < CandidateWords; w++)
        {
            Collect(words[w].Older);
            Collect(words[w].Newer);
        }

        if (candidates.Count > CandidateComparisons)
        {
            KeepMostShared(candidates, hits);
        }

        void Collect(List<int>? postings)
        {
            if (postings is null)
            {
                return;
            }

            for (var k = Math.Max(0, postings.Count - CandidatePostings); k < postings.Count; k++)
            {
                var candidate = postings[k];
                if (stamps[candidate] != self + 1 && stamps[candidate] != -(self + 1))
                {
                    if (!eligible(candidate))
                    {
                        stamps[candidate] = -(self + 1);
                        continue;
                    }

                    stamps[candidate] = self + 1;
                    hits[candidate] = 0;
                    candidates.Add(candidate);
                }

                if (stamps[candidate] == self + 1)
                {
                    hits[candidate]++;
                }
            }
        }
    }

    /// <summary>
    /// Keeps the <see cref="CandidateComparisons"/> candidates with the most hits, most first; among equals the order
    /// found (rarer words first) decides. A count per hit number finds the cut without sorting hundreds of candidates.
    /// </summary>
    private static void KeepMostShared(List<int> candidates, int[] hits)
    {
        // A candidate is hit at most once per postings list: two buckets for each of the rarest words.
        Span<int> perHits = stackalloc int[(CandidateWords * 2) + 1];
        foreach (var candidate in candidates)
        {
            perHits[hits[candidate]]++;
        }

        var cut = perHits.Length - 1;
        for (var taken = perHits[cut]; taken < CandidateComparisons && cut > 0; taken += perHits[cut])
        {
            cut--;
        }

        // Those above the cut (fewer than the limit) in hit order, insertion-sorted so equals keep their order; then
        // those at the cut, in the order found, up to the limit.
        var kept = new List<int>(CandidateComparisons);
        var atCut = CandidateComparisons - candidates.Count(c => hits[c] > cut);
        foreach (var candidate in candidates)
        {
            var h = hits[candidate];
            if (h > cut)
            {
                var at = kept.Count;
                while (at > 0 && hits[kept[at - 1]] < h)
                {
                    at--;
                }

                kept.Insert(at, candidate);
            }
        }

        foreach (var candidate in candidates)
        {
            if (atCut > 0 && hits[candidate] == cut)
            {
                kept.Add(candidate);
                atCut--;
            }
        }

        candidates.Clear();
        candidates.AddRange(kept);
    }

    /// <summary>Dated articles with URLs, oldest first (ties by id), so the grouping of earlier articles does not depend on later ones.</summary>
    private int[] DatedInPublicationOrder()
    {
        var order = Enumerable.Range(0, _members.Count)
            .Where(i => !_members[i].TextOnly && _members[i].PublishedTicks is not null)
            .ToArray();
        Array.Sort(order, (a, b) => _members[a].PublishedTicks!.Value != _members[b].PublishedTicks!.Value
            ? _members[a].PublishedTicks!.Value.CompareTo(_members[b].PublishedTicks!.Value)
            : _members[a].Id.CompareTo(_members[b].Id));
        return order;
    }

    private StoryCoverage[] Coverage()
    {
        var nodeCount = new Dictionary<int, int>();
        for (var node = 0; node < _parent.Count; node++)
        {
            var root = Find(node);
            nodeCount[root] = nodeCount.GetValueOrDefault(root) + 1;
        }

        var providers = new Dictionary<int, HashSet<ulong>>();
        var quality = new Dictionary<int, int>();
        var storyId = new Dictionary<int, UInt128>();
        for (var i = 0; i < _members.Count; i++)
        {
            var root = Find(_memberNodes[i]);
            var member = _members[i];
            if (!providers.TryGetValue(root, out var set))
            {
                providers[root] = set = [];
            }

            if (member.ProviderHash != 0)
            {
                set.Add(member.ProviderHash);
            }

            if (_relatedProviders.TryGetValue(_memberNodes[i], out var related))
            {
                set.UnionWith(related);
            }

            quality[root] = Math.Max(quality.GetValueOrDefault(root), member.Quality);
            storyId[root] = storyId.TryGetValue(root, out var current) && current < member.Id ? current : member.Id;
        }

        var result = new StoryCoverage[_members.Count];
        for (var i = 0; i < _members.Count; i++)
        {
            var root = Find(_memberNodes[i]);
            result[i] = new StoryCoverage(
                FormatId(storyId[root]),
                nodeCount[root],
                Math.Max(1, providers[root].Count),
                quality[root]);
        }

        return result;
    }

    private Dictionary<uint, double> InverseDocumentFrequencies(out HashSet<uint> frequent)
    {
        var documentFrequency = new Dictionary<uint, int>();
        foreach (var member in _members)
        {
            foreach (var word in member.Sketch)
            {
                documentFrequency[word] = documentFrequency.GetValueOrDefault(word) + 1;
            }
        }

        var n = _members.Count;
        var limit = Math.Max(50, _options.MaxWordShare * n);
        frequent = documentFrequency.Where(kv => kv.Value > limit).Select(kv => kv.Key).ToHashSet();
        // Pseudo-documents in which no word occurs keep a small collection (a handful of uploads) from treating every
        // shared word as common: IDF only starts to discount a word once many articles really use it.
        return documentFrequency.ToDictionary(kv => kv.Key, kv => Math.Log((n + PseudoDocuments) / (kv.Value + 0.5)));
    }

    private static void AddToIndex<TKey>(int i, StoryMember member, Dictionary<TKey, List<int>> index, Func<uint, TKey> key, HashSet<uint> frequent)
        where TKey : notnull
    {
        foreach (var word in member.Sketch)
        {
            if (frequent.Contains(word))
            {
                continue;
            }

            if (!index.TryGetValue(key(word), out var postings))
            {
                index[key(word)] = postings = [];
            }

            postings.Add(i);
        }
    }

    /// <summary>
    /// IDF-weighted Jaccard: shared words count by how rare they are, so "Hollywood" outweighs "company". The union's
    /// weight is both sketches' weights less the shared words', so only shared words are looked up.
    /// </summary>
    private static double Similarity(uint[] a, double weightA, uint[] b, double weightB, Dictionary<uint, double> idf)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        double shared = 0;
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] < b[j])
            {
                i++;
            }
            else if (b[j] < a[i])
            {
                j++;
            }
            else
            {
                shared += idf[a[i]];
                i++;
                j++;
            }
        }

        var union = weightA + weightB - shared;
        return union <= 0 ? 0 : shared / union;
    }

    private int Node(UInt128 id)
    {
        if (!_nodes.TryGetValue(id, out var node))
        {
            node = _parent.Count;
            _nodes[id] = node;
            _parent.Add(node);
        }

        return node;
    }

    private int Find(int node)
    {
        while (_parent[node] != node)
        {
            _parent[node] = _parent[_parent[node]];
            node = _parent[node];
        }

        return node;
    }

    private void Union(int a, int b)
    {
        var rootA = Find(a);
        var rootB = Find(b);
        if (rootA != rootB)
        {
            _parent[Math.Max(rootA, rootB)] = Math.Min(rootA, rootB);
        }
    }

    public static UInt128 ParseId(string id) => UInt128.Parse(id, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    public static string FormatId(UInt128 id) => id.ToString("x32", CultureInfo.InvariantCulture);

    /// <summary>A word of an article and its postings so far: in the previous time bucket (dated articles) and its own bucket, or all of them.</summary>
    private readonly record struct WordPostings(uint Word, List<int>? Older, List<int>? Newer)
    {
        public int Count => (Older?.Count ?? 0) + (Newer?.Count ?? 0);
    }
}
