namespace Serverless.Domain.Scoring;

/// <summary>
/// Plans a run's stories from what it loaded, without storage. Stored stories without a changed member stay as they
/// are (their members are joined up front) and only gain what the changed articles bring: text is compared only in
/// pairs with a changed article. A stored story with a changed or removed member is formed again from its members,
/// all compared afresh, so a removal can split it. Ids follow <see cref="StoryIdentityPlanner"/>.
/// </summary>
public static class StoryPlanner
{
    public static StoryPlan Plan(StoryWorkingSet set, StoryOptions options, HeatOptions? heat = null)
    {
        var articles = set.Articles;
        var broken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var article in articles.Where(a => a.Changed && a.StoryId is not null))
        {
            broken.Add(article.StoryId!);
        }

        broken.UnionWith(set.Removed.Values.OfType<string>());
        var fresh = articles.Select(a => a.Changed || (a.StoryId is { } s && broken.Contains(s))).ToArray();
        var clusterer = new StoryClusterer(options, heat);
        for (var i = 0; i < articles.Count; i++)
        {
            var record = articles[i].Record;
            var rejoinable = !fresh[i] && !StoryClusterer.IsDated(record.Member) && record.Score is { StorySize: 1 };
            clusterer.Add(record.Member, record.RelatedIds, record.RelatedProviders, fresh[i], rejoinable);
        }

        // What earlier runs decided stands: the loaded members of each unbroken story are one story from the start.
        foreach (var story in articles.Where((a, i) => !fresh[i] && a.StoryId is not null).GroupBy(a => a.StoryId!, StringComparer.Ordinal))
        {
            var first = story.First().Record.Member.Id;
            foreach (var article in story.Skip(1))
            {
                clusterer.Join(first, article.Record.Member.Id);
            }

            if (set.Stories.TryGetValue(story.Key, out var stored))
            {
                foreach (var member in stored.Members)
                {
                    clusterer.Join(first, member);
                }
            }
        }

        var clustering = clusterer.ClusterAll();
        var touched = new HashSet<int>(Enumerable.Range(0, articles.Count).Where(i => fresh[i] || articles[i].Journaled).Select(i => clustering.Roots[i]));
        foreach (var join in clustering.TextJoins.Where(j => !fresh[j.Article]))
        {
            // A plain-text article alone in its story joined a fresh one's.
            touched.Add(clustering.Roots[join.Article]);
        }

        var missing = new HashSet<string>(StringComparer.Ordinal);
        missing.UnionWith(broken.Where(id => !set.Stories.ContainsKey(id)));
        for (var i = 0; i < articles.Count; i++)
        {
            if (touched.Contains(clustering.Roots[i]) && articles[i].StoryId is { } storyId && !set.Stories.ContainsKey(storyId))
            {
                missing.Add(storyId);
            }
        }

        if (missing.Count > 0)
        {
            return new StoryPlan(missing, [], []);
        }

        return Identify(set, clustering, touched, broken, fresh);
    }

    private static StoryPlan Identify(StoryWorkingSet set, StoryClustering clustering, HashSet<int> touched, HashSet<string> broken, bool[] fresh)
    {
        var articles = set.Articles;
        var articleOf = new Dictionary<UInt128, int>();
        for (var i = 0; i < articles.Count; i++)
        {
            articleOf[articles[i].Record.Member.Id] = i;
        }

        var rootOf = new Dictionary<UInt128, int>();
        foreach (var (root, ids) in clustering.Ids)
        {
            ids.ForEach(id => rootOf[id] = root);
        }

        var previous = new Dictionary<UInt128, string>();
        foreach (var (storyId, story) in set.Stories)
        {
            foreach (var member in story.Members)
            {
                previous[member] = storyId;
            }
        }

        // A broken story's largest part keeps its id; each other part is a new story, unless it joins one.
        var kept = new Dictionary<int, List<string>>();
        var splitIds = new Dictionary<int, List<string>>();
        var vanished = new List<string>();
        foreach (var storyId in broken.Order(StringComparer.Ordinal))
        {
            var parts = set.Stories[storyId].Members.Where(rootOf.ContainsKey).GroupBy(m => rootOf[m]).ToList();
            if (parts.Count == 0)
            {
                vanished.Add(storyId);
                continue;
            }

            var plans = StoryIdentityPlanner.Split(storyId, [.. parts.Select(p => ((IReadOnlyCollection<string>)[.. p.Select(StoryIds.Format)], Began(p, articleOf, articles)))]);
            for (var p = 0; p < parts.Count; p++)
            {
                var into = plans[p].IsNew ? splitIds : kept;
                if (!into.TryGetValue(parts[p].Key, out var list))
                {
                    into[parts[p].Key] = list = [];
                }

                list.Add(plans[p].Id);
                touched.Add(parts[p].Key);
            }
        }

        var joins = clustering.TextJoins.SelectMany(j => new[] { (At: j.Article, Join: j), (At: j.Via, Join: j) }).ToLookup(j => j.At, j => j.Join);
        var stories = new List<PlannedStory>();
        foreach (var root in touched.Order())
        {
            var ids = clustering.Ids[root];
            var joined = ids.Select(id => previous.GetValueOrDefault(id)).OfType<string>().Where(id => !broken.Contains(id))
                .Concat(kept.GetValueOrDefault(root) ?? [])
                .Distinct(StringComparer.Ordinal)
                .Select(id => set.Stories[id].Identity)
                .ToList();
            var began = Began(ids, articleOf, articles);
            StoryIdentityPlan identity;
            if (joined.Count > 0)
            {
                identity = StoryIdentityPlanner.Merge(joined, []);
            }
            else if (splitIds.TryGetValue(root, out var split))
            {
                identity = new StoryIdentityPlan(split.Min(StringComparer.Ordinal)!, [], IsNew: true);
            }
            else
            {
                var smallest = StoryIds.Format(ids.Where(articleOf.ContainsKey).Min());
                identity = new StoryIdentityPlan(set.TakenIds.Contains(smallest) ? StoryIdentityPlanner.SplitId(smallest, smallest) : smallest, [], IsNew: true);
            }

            var first = ids.Where(articleOf.ContainsKey).Select(id => articleOf[id]).First();
            var coverage = clustering.Coverage[first] with { StoryId = identity.Id };
            var reasons = StoryJoinReasons.Of(ids, articles, articleOf, joins, id => previous.TryGetValue(id, out var s) && !broken.Contains(s));
            var members = ids.Select(id => new PlannedMember(id, articleOf.TryGetValue(id, out var a) ? a : -1, previous.GetValueOrDefault(id), reasons.GetValueOrDefault(id))).ToList();
            stories.Add(new PlannedStory(identity, coverage, members, began));
        }

        return new StoryPlan(new HashSet<string>(StringComparer.Ordinal), stories, vanished);
    }

    private static long Began(IEnumerable<UInt128> ids, Dictionary<UInt128, int> articleOf, IReadOnlyList<StoryCandidate> articles) =>
        ids.Where(articleOf.ContainsKey).Select(id => articles[articleOf[id]].Record.Member.PublishedTicks).OfType<long>().DefaultIfEmpty(0).Min();
}
