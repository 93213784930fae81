namespace Serverless.Domain.Scoring;

/// <summary>
/// Why each member of a story is in it: a walk over the story's links (related lists and text joins) from the members
/// whose reasons stand, or else from its earliest article. Each member gets the link it was first reached by.
/// </summary>
internal static class StoryJoinReasons
{
    /// <param name="ids">The story's members.</param>
    /// <param name="articles">The run's articles.</param>
    /// <param name="articleOf">Index in <paramref name="articles"/> of each ingested member.</param>
    /// <param name="joins">The text joins made, by each of the two articles' index.</param>
    /// <param name="keeps">Whether a member keeps the reason stored with it (its story did not re-form).</param>
    /// <returns>The reason of each member that does not keep its own.</returns>
    public static Dictionary<UInt128, StoryJoinReason> Of(
        List<UInt128> ids, IReadOnlyList<StoryCandidate> articles, Dictionary<UInt128, int> articleOf, ILookup<int, StoryTextJoin> joins, Func<UInt128, bool> keeps)
    {
        var members = ids.ToHashSet();
        var citedBy = new Dictionary<UInt128, List<UInt128>>();
        foreach (var id in ids.Where(articleOf.ContainsKey))
        {
            foreach (var related in articles[articleOf[id]].Record.RelatedIds.Where(members.Contains))
            {
                if (!citedBy.TryGetValue(related, out var list))
                {
                    citedBy[related] = list = [];
                }

                list.Add(id);
            }
        }

        var reasons = new Dictionary<UInt128, StoryJoinReason>();
        var reached = new HashSet<UInt128>(ids.Where(keeps));
        var queue = new Queue<UInt128>(reached.Order());
        if (queue.Count == 0)
        {
            var first = ids.Where(articleOf.ContainsKey)
                .OrderBy(id => articles[articleOf[id]].Record.Member.PublishedTicks ?? long.MaxValue)
                .ThenBy(id => id)
                .First();
            reasons[first] = new StoryJoinReason(StoryJoinReason.First, null, null);
            reached.Add(first);
            queue.Enqueue(first);
        }

        while (queue.Count > 0)
        {
            var at = queue.Dequeue();
            var via = StoryIds.Format(at);
            if (articleOf.TryGetValue(at, out var index))
            {
                foreach (var related in articles[index].Record.RelatedIds.Where(members.Contains))
                {
                    Reach(related, new StoryJoinReason(StoryJoinReason.CitedBy, via, null));
                }

                foreach (var join in joins[index])
                {
                    var other = articles[join.Article == index ? join.Via : join.Article].Record.Member.Id;
                    Reach(other, new StoryJoinReason(StoryJoinReason.Text, via, Math.Round(join.Similarity, 3)));
                }
            }

            // Articles naming this member: they cite it when it is an article, else share it with whoever reached it.
            var shared = !articleOf.ContainsKey(at);
            var through = shared && reasons.TryGetValue(at, out var own) && own.Via is not null ? own.Via : via;
            foreach (var citing in citedBy.GetValueOrDefault(at) ?? [])
            {
                Reach(citing, new StoryJoinReason(shared ? StoryJoinReason.SharesRelated : StoryJoinReason.Cites, through, null));
            }
        }

        foreach (var id in ids.Where(id => !reached.Contains(id)))
        {
            // Joined by an earlier run through a member that is gone, with nothing left to say how: it starts a thread.
            reasons[id] = new StoryJoinReason(StoryJoinReason.First, null, null);
        }

        return reasons;

        void Reach(UInt128 id, StoryJoinReason reason)
        {
            if (reached.Add(id))
            {
                reasons[id] = reason;
                queue.Enqueue(id);
            }
        }
    }
}
