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

    public StoryWriter(StoryStore stories)
    {
        _stories = stories;
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
                // A member in two partitions (a run died moving it) counts once; the planned story decides where it stays.
                old.TryAdd(member.Id, (storyId, member));
            }
        }

        var members = new List<(string, StoryMemberEntry)>();
        var moved = new List<(string, UInt128)>();
        var nodes = new List<(UInt128, string)>();
        var days = new List<StoryDayEntry>();
        var dayDeletes = new List<(DateOnly, string)>();
        var heads = new List<StoryHead>();
        var endings = new List<StoryHead>();
        var planned = new HashSet<UInt128>();
        foreach (var story in slice.Plan.Stories)
        {
            var storyId = story.Identity.Id;
            var entries = new List<StoryMemberEntry>();
            foreach (var member in story.Members)
            {
                planned.Add(member.Id);
                var was = old.TryGetValue(member.Id, out var o) ? o : ((string Story, StoryMemberEntry Member)?)null;
                var entry = EntryOf(slice, member, was?.Member, scores);
                entries.Add(entry);
                var rewritten = was is not { } w || w.Story != storyId || !StoryStore.SameMember(w.Member, entry);
                if (rewritten)
                {
                    members.Add((storyId, entry));
                }

                if (was is { } from && from.Story != storyId)
                {
                    moved.Add((from.Story, member.Id));
                }

                var pointsAt = slice.Nodes.TryGetValue(member.Id, out var node) ? node : was?.Story;
                if (pointsAt != storyId)
                {
                    nodes.Add((member.Id, storyId));
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

            var head = HeadOf(storyId, story, entries);
            if (slice.Stories.GetValueOrDefault(storyId).Head != head)
            {
                heads.Add(head);
            }

            endings.AddRange(story.Identity.Absorbed.Select(id => Ended(id, mergedInto: storyId)));
        }

        endings.AddRange(slice.Plan.Vanished.Select(id => Ended(id, mergedInto: null)));

        // Members of re-formed stories that no story holds now: removed articles, and URLs nobody's related list names.
        var reformed = set.Articles.Where(a => a.Changed && a.StoryId is not null).Select(a => a.StoryId!).Concat(set.Removed.Values.OfType<string>()).ToHashSet(StringComparer.Ordinal);
        var orphans = old.Where(o => reformed.Contains(o.Value.Story) && !planned.Contains(o.Key)).ToList();
        dayDeletes.AddRange(orphans.Select(o => o.Value.Member.Record).OfType<ScoringRecord>().Select(r => (StoryStore.DayOf(r), r.Id)));

        await Task.WhenAll(_stories.WriteMembersAsync(members, cancellationToken), _stories.WriteHeadsAsync(heads, cancellationToken));
        await Task.WhenAll(_stories.WriteNodesAsync(nodes, cancellationToken), _stories.WriteDaysAsync(days, cancellationToken));
        await Task.WhenAll(
            _stories.DeleteMembersAsync(moved.Concat(orphans.Select(o => (o.Value.Story, o.Key))), cancellationToken),
            _stories.DeleteNodesAsync(orphans.Select(o => o.Key), cancellationToken),
            _stories.DeleteDaysAsync(dayDeletes, cancellationToken));
        await _stories.WriteHeadsAsync(endings, cancellationToken);
        return members.Count + heads.Count + nodes.Count + days.Count + moved.Count + (orphans.Count * 2) + dayDeletes.Count + endings.Count;
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
            return new StoryMemberEntry(member.Id, record, summary.Title, summary.Url, summary.ProviderName, summary.ProviderDomain, summary.PublishedDateTime, summary.ImageUrl, reason);
        }

        return (was ?? new StoryMemberEntry(member.Id, null, null, null, null, null, null, null, null)) with { Record = record, Reason = reason };
    }

    private static StoryHead HeadOf(string storyId, PlannedStory story, List<StoryMemberEntry> entries)
    {
        var dated = entries.Where(e => e.PublishedDateTime is not null).OrderBy(e => e.PublishedDateTime).ThenBy(e => e.Id).ToList();
        return new StoryHead(
            storyId,
            entries.Count,
            entries.Count(e => e.Record is not null),
            story.Coverage.Providers,
            story.Began,
            dated.Count > 0 ? StoryIds.Format(dated[0].Id) : null,
            dated.Count > 0 ? dated[0].PublishedDateTime : null,
            StoryTimeline.Of(dated.Select(e => e.PublishedDateTime!.Value)),
            null,
            false);
    }

    private static StoryHead Ended(string storyId, string? mergedInto) => new(storyId, 0, 0, 0, 0, null, null, string.Empty, mergedInto, Gone: mergedInto is null);
}
