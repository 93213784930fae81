namespace Serverless.Domain.Scoring;

/// <summary>
/// Groups articles into stories. Articles are the same story when one's related list holds the other's canonical URL
/// or their related lists share one (union-find over URL ids, so a later upload can join an earlier story), or when
/// two dated articles within <see cref="StoryOptions.WindowDays"/> say the same thing (IDF-weighted overlap of their
/// word sketches at or above <see cref="StoryOptions.SimilarityThreshold"/>). Articles without URLs or dates (plain
/// text) then join the one story they resemble most, above the same threshold, and never merge two stories.
/// Memory is one <see cref="StoryMember"/> per article plus an id per distinct related URL.
/// </summary>
/// <remarks>
/// The mechanisms are apart: <see cref="DisjointSets"/> (the stories), <see cref="WordWeights"/> (IDF),
/// <see cref="PostingLists{TKey}"/> and <see cref="CandidateSearch"/> (whom an article is compared with),
/// <see cref="SketchSimilarity"/> and <see cref="StoryCoverageCount"/>. This class only decides who is compared when.
/// </remarks>
public sealed class StoryClusterer
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
        var related = relatedIds.ToArray();
        _related.Add(related);
        _relatedOutlets.Add([.. relatedProviders.Distinct()]);
        foreach (var id in related)
        {
            _sets.Union(node, _sets.Node(id));
        }
    }

    /// <summary>Puts two ids (articles or related URLs) in one story: what an earlier run decided.</summary>
    public void Join(UInt128 a, UInt128 b) => _sets.Union(_sets.Node(a), _sets.Node(b));

    /// <summary>Clusters everything added and returns each article's story, in the order the articles were added.</summary>
    public StoryCoverage[] Cluster() => ClusterAll().Coverage;

    /// <summary>Clusters everything added: each article's story, the ids in each story, and the text joins made.</summary>
    public StoryClustering ClusterAll()
    {
        var weights = WordWeights.From(_members, _options.MaxWordShare);
        var similarity = new SketchSimilarity(_members, weights);
        var search = new CandidateSearch(_members.Count, weights);
        JoinDated(weights, similarity, search);
        JoinTextOnly(weights, similarity, search);
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
    /// Dated articles with URLs: join pairs that say the same thing close in time. Postings are kept per word and
    /// window-wide time bucket, so an article is compared only with articles of its own and the previous bucket,
    /// through a bounded number of candidates: the work per article does not grow with the collection. Articles are
    /// taken in publication order, so an article meets the same earlier ones however many arrive after it: a new
    /// upload changes the stories it joins, not how the rest of the collection was grouped.
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
            foreach (var candidate in search.Dated(i, member, bucket, index, c => Math.Abs(_members[c].PublishedTicks!.Value - published) <= window))
            {
                if ((_fresh[i] || _fresh[candidate]) && !_sets.Same(_memberNodes[i], _memberNodes[candidate]) && similarity.Between(i, candidate) is var score && score >= _options.SimilarityThreshold)
                {
                    _sets.Union(_memberNodes[i], _memberNodes[candidate]);
                    _textJoins.Add(new StoryTextJoin(i, candidate, score));
                }
            }

            index.Add(i, member, word => (word, bucket));
        }
    }

    /// <summary>
    /// Articles with nothing but text join the single story they resemble most. They have no date to narrow the
    /// search, so candidates come from their rarest indexed words, and only the latest postings of each are looked at.
    /// </summary>
    private void JoinTextOnly(WordWeights weights, SketchSimilarity similarity, CandidateSearch search)
    {
        var index = new PostingLists<uint>(weights);
        for (var i = 0; i < _members.Count; i++)
        {
            if (IsDated(_members[i]))
            {
                index.Add(i, _members[i], static word => word);
            }
        }

        for (var i = 0; i < _members.Count; i++)
        {
            var member = _members[i];
            if (IsDated(member) || !(_fresh[i] || _rejoinable[i]))
            {
                continue;
            }

            var best = -1;
            var bestScore = _options.SimilarityThreshold;
            foreach (var candidate in search.Text(i, member, index))
            {
                if (!_fresh[i] && !_fresh[candidate])
                {
                    // Decided when either was fresh.
                    continue;
                }

                var score = similarity.Between(i, candidate);
                if (score >= bestScore)
                {
                    (best, bestScore) = (candidate, score);
                }
            }

            if (best >= 0)
            {
                _sets.Union(_memberNodes[i], _memberNodes[best]);
                _textJoins.Add(new StoryTextJoin(i, best, bestScore));
            }

            index.Add(i, member, static word => word);
        }
    }

    /// <summary>Dated articles with URLs, oldest first (ties by id), so the grouping of earlier articles does not depend on later ones.</summary>
    private int[] DatedInPublicationOrder()
    {
        var order = Enumerable.Range(0, _members.Count).Where(i => IsDated(_members[i])).ToArray();
        Array.Sort(order, (a, b) => _members[a].PublishedTicks!.Value != _members[b].PublishedTicks!.Value
            ? _members[a].PublishedTicks!.Value.CompareTo(_members[b].PublishedTicks!.Value)
            : _members[a].Id.CompareTo(_members[b].Id));
        return order;
    }
}
