namespace Serverless.Domain.Scoring;

/// <summary>What each story of a clustering looks like once its sets are final: id, size, outlets and best quality.</summary>
internal static class StoryCoverageCount
{
    /// <summary>
    /// The coverage of each member's story, in member order. A story shows every node of its set (ingested articles
    /// and URLs known only from related lists) and the distinct outlets of its members and their related lists (at
    /// least 1); the heat formula counts them under <see cref="CoverageRules"/>. Its quality is the best of its
    /// members', and it is named by its smallest member id.
    /// </summary>
    /// <param name="sets">The final sets of the clustering.</param>
    /// <param name="members">The ingested articles.</param>
    /// <param name="memberNodes">Each member's node in <paramref name="sets"/>.</param>
    /// <param name="related">The URL ids each member's related list names, in member order.</param>
    /// <param name="relatedOutlets">The outlets each member's related list names, in member order.</param>
    /// <param name="options">The heat formula's constants, for the coverage rules.</param>
    public static StoryCoverage[] Of(
        DisjointSets sets,
        IReadOnlyList<StoryMember> members,
        IReadOnlyList<int> memberNodes,
        IReadOnlyList<UInt128[]> related,
        IReadOnlyList<ulong[]> relatedOutlets,
        HeatOptions options)
    {
        var nodeCount = new Dictionary<int, int>();
        for (var node = 0; node < sets.Count; node++)
        {
            var root = sets.Find(node);
            nodeCount[root] = nodeCount.GetValueOrDefault(root) + 1;
        }

        var citers = new Dictionary<int, List<CoverageRules.Citer>>();
        var shown = new Dictionary<int, HashSet<ulong>>();
        var quality = new Dictionary<int, int>();
        var storyId = new Dictionary<int, UInt128>();
        for (var i = 0; i < members.Count; i++)
        {
            var root = sets.Find(memberNodes[i]);
            var member = members[i];
            if (!citers.TryGetValue(root, out var list))
            {
                citers[root] = list = [];
                shown[root] = [];
            }

            list.Add(new CoverageRules.Citer(member.ProviderHash, member.Id, related[i], relatedOutlets[i]));
            if (member.ProviderHash != 0)
            {
                shown[root].Add(member.ProviderHash);
            }

            shown[root].UnionWith(relatedOutlets[i].Where(o => o != 0));
            quality[root] = Math.Max(quality.GetValueOrDefault(root), member.Quality);
            storyId[root] = storyId.TryGetValue(root, out var current) && current < member.Id ? current : member.Id;
        }

        var counted = citers.ToDictionary(
            c => c.Key,
            c => CoverageRules.Count(c.Value, id => sets.TryGetNode(id, out var node) && sets.Find(node) == c.Key, options));
        var result = new StoryCoverage[members.Count];
        for (var i = 0; i < members.Count; i++)
        {
            var root = sets.Find(memberNodes[i]);
            result[i] = new StoryCoverage(StoryIds.Format(storyId[root]), nodeCount[root], Math.Max(1, shown[root].Count), quality[root])
            {
                CountedArticles = counted[root].Articles,
                CountedOutlets = counted[root].Outlets,
            };
        }

        return result;
    }
}
