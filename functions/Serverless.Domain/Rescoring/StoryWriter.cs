using Serverless.Domain.Articles;
using Serverless.Domain.Scoring;
using Serverless.Domain.Stores;

namespace Serverless.Domain.Rescoring;

/// <summary>
/// Writes a slice's stories as planned, only where a row differs from what was read, in an order that a run dying
/// half way cannot make lose anything: the stories as they now are (members, heads) first, then the lookups that
/// lead to them (nodes, days), then the rows of members that moved or went, and last the heads of the stories
/// merged away or left empty. Until then the journal keeps the slice's entries, and the next run plans the same
/// stories from the mix of old and new rows (members count once, by id).
/// </summary>
public sealed class StoryWriter
{
    private readonly StoryStore _stories;
    private readonly HeatScorer _scorer;

    public StoryWriter(StoryStore stories, HeatScorer scorer)
    {
        _stories = stories;
        _scorer = scorer;
    }

    /// <summary>Writes the slice's stories, with the scores the run wrote (by article id); returns the rows written and deleted.</summary>
    public async Task<int> WriteAsync(RescoreSlice slice, IReadOnlyDictionary<string, ArticleScore> scores, CancellationToken cancellationToken)
    {
        var set = slice.Set;
        var old = new Dictionary<UInt128, (string Story, StoryMemberEntry Member)>();
        foreach (var (storyId, story) in slice.Stories.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            foreach (var member in story.Members)
            {
                // A member in two rows (a run died moving it) counts once; the planned story decides where it stays.
                old.TryAdd(member.Id, (storyId, member));
            }
        }

        var members = new List<(string, StoryMemberEntry)>();
        var keys = new HashSet<(string Story, string RowKey)>();
        var nodes = new List<(UInt128, string)>();
        var days = new List<StoryDayEntry>();
        var dayDeletes = new List<(DateOnly, string)>();
        var heads = new List<StoryHead>();
        var endings = new List<StoryHead>();
        var listingDeletes = new List<(string Topic, string RankKey, string StoryId)>();
        var planned = new HashSet<UInt128>();
        foreach (var story in slice.Plan.Stories)
        {
            var storyId = story.Identity.Id;
            var byId = story.Members.ToDictionary(m => m.Id);
            var placed = StoryMemberOrder.Place(story.Members.Select(m => EntryOf(slice, m, old.TryGetValue(m.Id, out var o) ? o.Member : null, scores)));
            foreach (var entry in placed)
            {
                var member = byId[entry.Id];
                planned.Add(entry.Id);
                keys.Add((storyId, StoryStore.MemberRowKey(entry)));
                keys.Add((storyId, StoryStore.RecentRowKey(entry)));
                var was = old.TryGetValue(entry.Id, out var o) ? o : ((string Story, StoryMemberEntry Member)?)null;
                var rewritten = was is not { } w || w.Story != storyId || !StoryStore.SameMember(w.Member, entry);
                if (rewritten)
                {
                    members.Add((storyId, entry));
                }

                var pointsAt = slice.Nodes.TryGetValue(entry.Id, out var node) ? node : was?.Story;
                if (pointsAt != storyId)
                {
                    nodes.Add((entry.Id, storyId));
                }

                if (entry.Record is { } record && (set.Articles[member.Article].Journaled || was?.Story != storyId || (StoryStore.IsUndated(record) && rewritten)))
                {
                    days.Add(new StoryDayEntry(record, storyId));
                    if (was?.Member.Record is { } before && StoryStore.DayOf(before) != StoryStore.DayOf(record))
                    {
                        dayDeletes.Add((StoryStore.DayOf(before), record.Id));
                    }
                }
            }

            var head = StoryHeadBuilder.Build(storyId, story.Coverage.Providers, story.Began, placed, _scorer);
            var storedHead = slice.Stories.GetValueOrDefault(storyId).Head;
            if (storedHead != head)
            {
                heads.Add(head);
                var listed = StoryHeadBuilder.ListingsOf(head).ToHashSet();
                listingDeletes.AddRange(StoryHeadBuilder.ListingsOf(storedHead).Where(l => !listed.Contains(l)).Select(l => (l.Topic, l.RankKey, storyId)));
            }

            endings.AddRange(story.Identity.Absorbed.Select(id => Ended(id, mergedInto: storyId)));
        }

        endings.AddRange(slice.Plan.Vanished.Select(id => Ended(id, mergedInto: null)));
        foreach (var ended in endings)
        {
            listingDeletes.AddRange(StoryHeadBuilder.ListingsOf(slice.Stories.GetValueOrDefault(ended.StoryId).Head).Select(l => (l.Topic, l.RankKey, ended.StoryId)));
        }

        // Members of re-formed stories that no story holds now: removed articles, and URLs nobody's related list names.
        var reformed = set.Articles.Where(a => a.Changed && a.StoryId is not null).Select(a => a.StoryId!).Concat(set.Removed.Values.OfType<string>()).ToHashSet(StringComparer.Ordinal);
        var orphans = old.Where(o => reformed.Contains(o.Value.Story) && !planned.Contains(o.Key)).ToList();
        dayDeletes.AddRange(orphans.Select(o => o.Value.Member.Record).OfType<ScoringRecord>().Select(r => (StoryStore.DayOf(r), r.Id)));

        // Rows of the stories written, of members that moved and of orphans, that the plan no longer files under that key.
        var rewrittenStories = slice.Plan.Stories.Select(s => s.Identity.Id).Concat(reformed).Concat(endings.Select(e => e.StoryId)).ToHashSet(StringComparer.Ordinal);
        var stale = slice.Stories
            .SelectMany(s => s.Value.Members.Where(m => rewrittenStories.Contains(s.Key) || planned.Contains(m.Id)).Select(m => (Story: s.Key, Member: m)))
            .SelectMany(r => new[] { (r.Story, StoryStore.MemberRowKey(r.Member)), (r.Story, StoryStore.RecentRowKey(r.Member)) })
            .Where(k => !keys.Contains(k))
            .Distinct()
            .ToList();
        var staleRecent = stale.Where(k => !k.Item2.StartsWith('m')).ToList();
        var staleMembers = stale.Where(k => k.Item2.StartsWith('m')).ToList();

        // Listing and newest-first rows are views of the heads and member rows: gone first, so a run dying later leaves
        // the heads and member rows it reads to plan them again; the member rows themselves go only after their new ones stand.
        await Task.WhenAll(_stories.DeleteListingsAsync(listingDeletes, cancellationToken), _stories.DeleteMemberRowsAsync(staleRecent, cancellationToken));
        await Task.WhenAll(
            _stories.WriteMembersAsync(members, cancellationToken),
            _stories.WriteHeadsAsync(heads, cancellationToken),
            _stories.WriteListingsAsync(heads, cancellationToken));
        await Task.WhenAll(_stories.WriteNodesAsync(nodes, cancellationToken), _stories.WriteDaysAsync(days, cancellationToken));
        await Task.WhenAll(
            _stories.DeleteMemberRowsAsync(staleMembers, cancellationToken),
            _stories.DeleteNodesAsync(orphans.Select(o => o.Key), cancellationToken),
            _stories.DeleteDaysAsync(dayDeletes, cancellationToken));
        await _stories.WriteHeadsAsync(endings, cancellationToken);
        var listingRows = heads.Sum(h => StoryHeadBuilder.ListingsOf(h).Count());
        return (members.Count * 2) + heads.Count + listingRows + listingDeletes.Count + nodes.Count + days.Count + stale.Count + orphans.Count + dayDeletes.Count + endings.Count;
    }

    private static StoryMemberEntry EntryOf(RescoreSlice slice, PlannedMember member, StoryMemberEntry? was, IReadOnlyDictionary<string, ArticleScore> scores)
    {
        if (member.Article < 0)
        {
            // Known only from related lists: as stored, else as a changed article's list gives it.
            if (was is { Record: null })
            {
                return was with { Reason = member.Reason ?? was.Reason };
            }

            var entry = slice.RelatedEntries.GetValueOrDefault(member.Id);
            return new StoryMemberEntry(
                member.Id,
                null,
                entry?.Title ?? was?.Title,
                ArticleLink.From(entry?.WebUrl, null) ?? was?.Url,
                entry?.Provider?.Name ?? was?.ProviderName,
                entry?.Provider?.Domain ?? was?.ProviderDomain,
                entry?.PublishedDateTime ?? was?.PublishedDateTime,
                entry?.Images.Select(i => i.Url).FirstOrDefault() ?? was?.ImageUrl,
                member.Reason ?? was?.Reason);
        }

        var candidate = slice.Set.Articles[member.Article];
        var record = candidate.Record with { Version = null, Score = scores.GetValueOrDefault(candidate.Record.Id) ?? candidate.Record.Score };
        var reason = member.Reason ?? was?.Reason;
        if (slice.Current.TryGetValue(record.Id, out var current))
        {
            var summary = current.Summary;
            return new StoryMemberEntry(member.Id, record, summary.Title, summary.Url, summary.ProviderName, summary.ProviderDomain, summary.PublishedDateTime, summary.ImageUrl, reason)
            {
                Excerpt = summary.Excerpt,
            };
        }

        return (was ?? new StoryMemberEntry(member.Id, null, null, null, null, null, null, null, null)) with { Record = record, Reason = reason };
    }

    private static StoryHead Ended(string storyId, string? mergedInto) => new(storyId, 0, 0, 0, 0, null, null, string.Empty, mergedInto, Gone: mergedInto is null);
}
