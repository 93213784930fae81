namespace Serverless.Domain.Scoring;

/// <summary>
/// Groups articles into stories. Articles are taken in publication order, and each joins <b>at most one</b> of the
/// stories formed by the articles before it: the one it links to most (it names one of its articles or related URLs,
/// is named by one, or shares a related URL with one), then the one whose article it is most like (IDF-weighted
/// overlap of word sketches at or above <see cref="StoryOptions.SimilarityThreshold"/>, dated articles within
/// <see cref="StoryOptions.WindowDays"/>). URLs its related list names that no story holds yet join its story. The
/// other stories it links to or is like are recorded as evidence (<see cref="StoryLinks"/>): two stories merge only
/// when articles of two or more distinct outlets linked them, never because one file cites both or resembles both. Articles without
/// dates then join the one story they resemble most, unless a link placed them. Memory is one
/// <see cref="StoryMember"/> per article plus an id per distinct related URL.
/// </summary>
/// <remarks>
/// The mechanisms are apart: <see cref="DisjointSets"/> (the stories), <see cref="WordWeights"/> (IDF),
/// <see cref="PostingLists{TKey}"/> and <see cref="CandidateSearch"/> (whom an article is compared with),
/// <see cref="SketchSimilarity"/>, <see cref="StoryLinks"/> and <see cref="StoryCoverageCount"/>. This class only
/// decides who is compared when, and which story an article joins.
/// </remarks>
public sealed partial class StoryClusterer
{
    private readonly StoryOptions _options;
    private readonly HeatOptions _heat;
    private readonly DisjointSets _sets = new();
    private readonly List<StoryMember> _members = [];
    private readonly List<int> _memberNodes = [];
    private readonly List<UInt128[]> _related = [];
    private readonly List<ulong[]> _relatedOutlets = [];
    private readonly List<bool> _fresh = [];
    private readonly List<bool> _rejoinable = [];
    private readonly List<StoryTextJoin> _textJoins = [];
    private readonly StoryLinks _links = new();
    private readonly Dictionary<UInt128, int> _memberOf = [];

    // Per set representative: ingested articles in the set, and of those, the ones already taken in order.
    private readonly Dictionary<int, int> _articles = [];
    private readonly Dictionary<int, int> _visited = [];

    // Reused for each article in turn (clustering is single-threaded): no allocation per article.
    private readonly Dictionary<int, (int Via, int Links, double Similarity)> _candidates = [];
    private readonly List<int> _alike = [];

    public StoryClusterer(StoryOptions options, HeatOptions? heat = null)
    {
        _options = options;
        _heat = heat ?? new HeatOptions();
    }

    public int Count => _members.Count;

    public static UInt128 ParseId(string id) => StoryIds.Parse(id);

    public static string FormatId(UInt128 id) => StoryIds.Format(id);

    /// <summary>
    /// Adds an article with the ids of the URLs its related list names and the outlets that published them. Text is
    /// compared only in pairs with at least one <paramref name="fresh"/> article: the stories of the others were
    /// decided by earlier runs and come in through <see cref="Join"/>.
    /// </summary>
    /// <param name="member">The article.</param>
    /// <param name="relatedIds">The ids of the URLs its related list names.</param>
    /// <param name="relatedProviders">The outlets that published them.</param>
    /// <param name="fresh">Whether its text is compared again (new or changed).</param>
    /// <param name="rejoinable">An unchanged plain-text article alone in its story: it still joins the story of a fresh article it resembles most.</param>
    public void Add(StoryMember member, IEnumerable<UInt128> relatedIds, IEnumerable<ulong> relatedProviders, bool fresh = true, bool rejoinable = false)
    {
        var node = _sets.Node(member.Id);
        _members.Add(member);
        _memberNodes.Add(node);
        _fresh.Add(fresh);
        _rejoinable.Add(rejoinable);
        var related = relatedIds.Where(id => id != member.Id).Distinct().ToArray();
        _memberOf[member.Id] = _members.Count - 1;
        _related.Add(related);
        _relatedOutlets.Add([.. relatedProviders.Distinct()]);
        _links.Cite(_members.Count - 1, related);
        _articles[_sets.Find(node)] = _articles.GetValueOrDefault(_sets.Find(node)) + 1;
    }

    /// <summary>Puts two ids (articles or related URLs) in one story: what an earlier run decided.</summary>
    public void Join(UInt128 a, UInt128 b) => Union(_sets.Node(a), _sets.Node(b));

    /// <summary>Clusters everything added and returns each article's story, in the order the articles were added.</summary>
    public StoryCoverage[] Cluster() => ClusterAll().Coverage;

    /// <summary>Clusters everything added: each article's story, the ids in each story, and the text joins made.</summary>
    public StoryClustering ClusterAll()
    {
        var weights = WordWeights.From(_members, _options.MaxWordShare);
        var similarity = new SketchSimilarity(_members, weights);
        var search = new CandidateSearch(_members.Count, weights);
        JoinDated(weights, similarity, search);
        JoinUndatedByLinks();
        JoinTextOnly(weights, similarity, search);
        MergeOnEvidence();
        var roots = new int[_members.Count];
        for (var i = 0; i < roots.Length; i++)
        {
            roots[i] = _sets.Find(_memberNodes[i]);
        }

        var ids = new Dictionary<int, List<UInt128>>();
        for (var node = 0; node < _sets.Count; node++)
        {
            var root = _sets.Find(node);
            if (!ids.TryGetValue(root, out var list))
            {
                ids[root] = list = [];
            }

            list.Add(_sets.IdOf(node));
        }

        return new StoryClustering(StoryCoverageCount.Of(_sets, _members, _memberNodes, _related, _relatedOutlets, _heat), roots, ids, _textJoins);
    }

    /// <summary>Whether text joins treat the article as dated (it has a date and is not plain text): only those join by window.</summary>
    public static bool IsDated(StoryMember member) => !member.TextOnly && member.PublishedTicks is not null;

    /// <summary>
    /// Dated articles with URLs, in publication order: each joins at most one earlier story, by links first, then by
    /// text. Postings are kept per word and window-wide time bucket, so an article is compared only with articles of
    /// its own and the previous bucket, through a bounded number of candidates: the work per article does not grow
    /// with the collection. An article meets the same earlier ones however many arrive after it: a new upload changes
    /// the story it joins, not how the rest of the collection was grouped.
    /// </summary>
    private void JoinDated(WordWeights weights, SketchSimilarity similarity, CandidateSearch search)
    {
        var window = TimeSpan.FromDays(_options.WindowDays).Ticks;
        var index = new PostingLists<(uint Word, long Bucket)>(weights);
        foreach (var i in DatedInPublicationOrder())
        {
            var member = _members[i];
            var published = member.PublishedTicks!.Value;
            var bucket = published / window;
            var candidates = LinkedStories(i);
            var alike = _alike;
            alike.Clear();
            foreach (var candidate in search.Dated(i, member, bucket, index, c => Math.Abs(_members[c].PublishedTicks!.Value - published) <= window))
            {
                if (!_sets.Same(_memberNodes[i], _memberNodes[candidate]) && similarity.Between(i, candidate) is var score && score >= _options.SimilarityThreshold)
                {
                    if (_fresh[i] || _fresh[candidate])
                    {
                        Consider(candidates, candidate, links: 0, score);
                    }
                    else
                    {
                        // Decided by an earlier run; still evidence, as it was when either was new, so that every run
                        // weighs the evidence clustering from scratch would.
                        alike.Add(candidate);
                    }
                }
            }

            JoinOne(i, candidates);
            foreach (var other in alike.Where(o => _visited.GetValueOrDefault(_sets.Find(_memberNodes[o])) > 0))
            {
                _links.Bridge(_memberNodes[i], _memberNodes[other], member.ProviderHash);
            }
            index.Add(i, member, word => (word, bucket));
        }
    }

    /// <summary>Articles without a date but with links (JSON without publishedDateTime), in the order added, by the same rule.</summary>
    private void JoinUndatedByLinks()
    {
        for (var i = 0; i < _members.Count; i++)
        {
            if (!IsDated(_members[i]))
            {
                JoinOne(i, LinkedStories(i));
            }
        }
    }

    /// <summary>The stories of articles taken before <paramref name="article"/> that it links to, with how many links each.</summary>
    private Dictionary<int, (int Via, int Links, double Similarity)> LinkedStories(int article)
    {
        var candidates = _candidates;
        candidates.Clear();
        var id = _members[article].Id;
        foreach (var citer in _links.CitersOf(id))
        {
            Consider(candidates, citer, links: 1, similarity: 0);
        }

        foreach (var related in _related[article])
        {
            if (_memberOf.TryGetValue(related, out var cited))
            {
                Consider(candidates, cited, links: 1, similarity: 0);
            }

            foreach (var citer in _links.CitersOf(related))
            {
                Consider(candidates, citer, links: 1, similarity: 0);
            }
        }

        candidates.Remove(_sets.Find(_memberNodes[article]));
        return candidates;
    }

    private void Consider(Dictionary<int, (int Via, int Links, double Similarity)> candidates, int other, int links, double similarity)
    {
        var root = _sets.Find(_memberNodes[other]);
        if (_visited.GetValueOrDefault(root) == 0)
        {
            // Not a story formed before this article: it may still join this one when its own turn comes.
            return;
        }

        var current = candidates.GetValueOrDefault(root, (other, 0, 0));
        candidates[root] = (current.Via, current.Links + links, Math.Max(current.Similarity, similarity));
    }

    /// <summary>
    /// Joins <paramref name="article"/> to the best of <paramref name="candidates"/> (most links, then most alike, then
    /// the earliest-formed), unless a story formed before it holds it already; records the rest as evidence, and takes
    /// into its story the related URLs no story holds yet.
    /// </summary>
    private void JoinOne(int article, Dictionary<int, (int Via, int Links, double Similarity)> candidates)
    {
        var node = _memberNodes[article];
        var placed = _visited.GetValueOrDefault(_sets.Find(node)) > 0;
        var best = -1;
        if (!placed)
        {
            foreach (var (root, (_, links, similarity)) in candidates)
            {
                if (best < 0 || Better(candidates[best], best, links, similarity, root))
                {
                    best = root;
                }
            }
        }

        foreach (var (root, (via, _, similarity)) in candidates)
        {
            if (root == best)
            {
                Union(node, root);
                if (similarity > 0 && candidates[root].Links == 0)
                {
                    _textJoins.Add(new StoryTextJoin(article, via, similarity));
                }
            }
            else
            {
                _links.Bridge(node, root, _members[article].ProviderHash);
            }
        }

        foreach (var related in _related[article])
        {
            var relatedNode = _sets.Node(related);
            if (_articles.GetValueOrDefault(_sets.Find(relatedNode)) == 0)
            {
                Union(node, relatedNode);
            }
        }

        var mine = _sets.Find(node);
        _visited[mine] = _visited.GetValueOrDefault(mine) + 1;
    }

    // Most links, then most alike, then the story formed first (its representative is the lowest node).
    private static bool Better((int Via, int Links, double Similarity) current, int currentRoot, int links, double similarity, int root) =>
        links != current.Links ? links > current.Links : !similarity.Equals(current.Similarity) ? similarity > current.Similarity : root < currentRoot;

    /// <summary>Stories that articles of two or more outlets linked are one: independent evidence, not one file's say.</summary>
    private void MergeOnEvidence()
    {
        // A pass merges every corroborated pair; merged stories pool their evidence, so passes repeat until none is left.
        for (var pairs = _links.Corroborated(_sets).ToList(); pairs.Count > 0; pairs = _links.Corroborated(_sets).ToList())
        {
            pairs.ForEach(pair => Union(pair.NodeA, pair.NodeB));
        }
    }

    /// <summary>Joins two sets, keeping the counts of their articles and of those already taken in order.</summary>
    private void Union(int a, int b)
    {
        var (rootA, rootB) = (_sets.Find(a), _sets.Find(b));
        if (rootA == rootB)
        {
            return;
        }

        _sets.Union(rootA, rootB);
        var root = _sets.Find(rootA);
        var other = root == rootA ? rootB : rootA;
        _articles[root] = _articles.GetValueOrDefault(root) + _articles.GetValueOrDefault(other);
        _visited[root] = _visited.GetValueOrDefault(root) + _visited.GetValueOrDefault(other);
        _articles.Remove(other);
        _visited.Remove(other);
    }
}
