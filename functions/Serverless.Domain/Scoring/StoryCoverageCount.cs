namespace Serverless.Domain.Scoring;

/// <summary>What each story of a clustering looks like once its sets are final: id, size, outlets and best quality.</summary>
internal static class StoryCoverageCount
{
    /// <summary>
    /// The coverage of each member's story, in member order. A story counts every node of its set (ingested articles
    /// and URLs known only from related lists), the distinct non-zero outlets of its members and of their related
    /// lists (at least 1), the best quality of its members, and is named by its smallest member id.
    /// </summary>
    /// <param name="sets">The final sets of the clustering.</param>
    /// <param name="members">The ingested articles.</param>
    /// <param name="memberNodes">Each member's node in <paramref name="sets"/>.</param>
    /// <param name="relatedProviders">The outlets a member's related list names, by the member's node.</param>
    public static StoryCoverage[] Of(
        DisjointSets sets, IReadOnlyList<StoryMember> members, IReadOnlyList<int> memberNodes, IReadOnlyDictionary<int, HashSet<ulong>> relatedProviders)
    {
        var nodeCount = new Dictionary<int, int>();
        for (var node = 0; node < sets.Count; node++)
        {
            var root = sets.Find(node);
            nodeCount[root] = nodeCount.GetValueOrDefault(root) + 1;
        }

        var providers = new Dictionary<int, HashSet<ulong>>();
        var quality = new Dictionary<int, int>();
        var storyId = new Dictionary<int, UInt128>();
        for (var i = 0; i < members.Count; i++)
        {
            var root = sets.Find(memberNodes[i]);
            var member = members[i];
            if (!providers.TryGetValue(root, out var set))
            {
                providers[root] = set = [];
            }

            if (member.ProviderHash != 0)
            {
                set.Add(member.ProviderHash);
            }

            if (relatedProviders.TryGetValue(memberNodes[i], out var related))
            {
                set.UnionWith(related);
            }

            quality[root] = Math.Max(quality.GetValueOrDefault(root), member.Quality);
            storyId[root] = storyId.TryGetValue(root, out var current) && current < member.Id ? current : member.Id;
        }

        var result = new StoryCoverage[members.Count];
        for (var i = 0; i < members.Count; i++)
        {
            var root = sets.Find(memberNodes[i]);
            result[i] = new StoryCoverage(
                StoryIds.Format(storyId[root]),
                nodeCount[root],
                Math.Max(1, providers[root].Count),
                quality[root]);
        }

        return result;
    }
}
