using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Serverless.Domain.Articles;
using Serverless.Domain.Scoring;
using Serverless.Domain.Stores;
using Serverless.Domain.Topics;

namespace Serverless.Domain.Rescoring;

/// <summary>
/// Loads what one slice of the journal can change, and nothing else: the changed articles (point reads), the stories
/// their ids and related URLs are in (node lookups, then one partition read a story), and the articles published
/// within the story window of each changed article's date (a partition read a day). When the plan reaches a stored
/// story not read yet (a text join into it), that story is read and the slice planned again.
/// </summary>
public sealed class RescoreLoader
{
    // A plan reaches further only through stories it joins; a few rounds read every one a slice can touch.
    private const int MaxPlanRounds = 6;
    private const int MaxMergeHops = 16;
    private readonly ArticleStore _articles;
    private readonly StoryStore _stories;
    private readonly TopicTaxonomy _taxonomy;
    private readonly HeatScorer _scorer;
    private readonly StoryOptions _storyOptions;
    private readonly RescoreOptions _options;
    private readonly TimeProvider _clock;

    public RescoreLoader(ArticleStore articles, StoryStore stories, TopicTaxonomy taxonomy, HeatScorer scorer, IOptions<StoryOptions> storyOptions, IOptions<RescoreOptions> options, TimeProvider clock)
    {
        _articles = articles;
        _stories = stories;
        _taxonomy = taxonomy;
        _scorer = scorer;
        _storyOptions = storyOptions.Value;
        _options = options.Value;
        _clock = clock;
    }

    public async Task<RescoreSlice> LoadAsync(IReadOnlyList<ArticleChange> changes, CancellationToken cancellationToken)
    {
        var ids = changes.Select(c => c.ArticleId).Distinct(StringComparer.Ordinal).ToList();
        var current = await ReadArticlesAsync(ids, cancellationToken);
        // Related outlets from the document, by who publishes each URL: rows stored before outlets were publishers name
        // the declared providers, and every article passes through here again (the story rebuild pass journals them).
        var records = current.Values.ToDictionary(
            a => a.Summary.Id,
            a => ScoringRecord.From(a.Summary with { RelatedProviders = [.. a.Article.Related.Select(r => OutletKey.Of(r.WebUrl)).OfType<string>().Distinct(StringComparer.Ordinal)] }, _taxonomy, _scorer.Options.DefaultQuality),
            StringComparer.Ordinal);
        var related = new Dictionary<UInt128, RelatedArticle>();
        foreach (var entry in current.Values.SelectMany(a => a.Article.Related))
        {
            if (UrlCanonicalizer.Canonicalize(entry.WebUrl) is { } canonical)
            {
                related.TryAdd(StoryIds.Parse(ArticleIdentity.FromCanonicalUrl(canonical)), entry);
            }
        }

        var heads = new Dictionary<string, StoryHead>(StringComparer.Ordinal);
        var found = await _stories.FindStoriesAsync(ids.Select(StoryIds.Parse).Concat(records.Values.SelectMany(r => r.RelatedIds)), cancellationToken);
        var resolved = await ResolveAsync(found.Values, heads, cancellationToken);
        var nodes = found.Where(n => resolved[n.Value] is not null).ToDictionary(n => n.Key, n => resolved[n.Value]!);
        var stories = new Dictionary<string, (StoryHead? Head, List<StoryMemberEntry> Members)>(StringComparer.Ordinal);
        await ReadStoriesAsync(nodes.Values, stories, cancellationToken);

        var days = await ReadDaysAsync(records.Values, cancellationToken);
        var dayStories = await ResolveAsync(days.Select(d => d.StoryId), heads, cancellationToken);

        // An id that names a story (or once did) is never given to a new one.
        var newIds = ids.Where(id => current.ContainsKey(id) && !nodes.ContainsKey(StoryIds.Parse(id))).ToList();
        var taken = (await _stories.ReadHeadsAsync(newIds, cancellationToken)).Keys.ToHashSet(StringComparer.Ordinal);
        var removed = ids.Where(id => !current.ContainsKey(id)).ToDictionary(id => id, id => nodes.GetValueOrDefault(StoryIds.Parse(id)), StringComparer.Ordinal);
        for (var round = 1; ; round++)
        {
            var set = BuildWorkingSet(records, nodes, stories, days, dayStories, removed, taken);
            var plan = StoryPlanner.Plan(set, _storyOptions, _scorer.Options);
            if (plan.MissingStories.Count == 0 || round == MaxPlanRounds)
            {
                if (plan.MissingStories.Count > 0)
                {
                    throw new InvalidOperationException($"A slice of {changes.Count} changes still reached unread stories after {MaxPlanRounds} rounds; the run looks for the entry that causes it and sets it aside.");
                }

                return new RescoreSlice
                {
                    Changes = changes,
                    Current = current,
                    Stories = stories,
                    RelatedEntries = related,
                    Nodes = nodes,
                    Set = set,
                    Plan = plan,
                    ArticlesInWindow = days.Count,
                };
            }

            // Ids the plan reaches are resolved already (through merges): read them as they are.
            var missing = plan.MissingStories;
            await ReadStoriesAsync(missing, stories, cancellationToken);
            foreach (var id in plan.MissingStories.Where(id => !stories.ContainsKey(id)))
            {
                // Named by a row, but with no head or member left: an empty story.
                stories[id] = (null, []);
            }
        }
    }

    /// <summary>
    /// What the planner is given, from what was read: the changed articles (changed for stories only if what stories
    /// are made of changed), the members of the stories read, and the day rows, each article once.
    /// </summary>
    /// <param name="records">The changed articles as stored now.</param>
    /// <param name="nodes">The story each of their ids is in.</param>
    /// <param name="stories">The stories read.</param>
    /// <param name="days">The day rows read.</param>
    /// <param name="dayStories">Where each day row's story id leads now (null: gone).</param>
    /// <param name="removed">Changed articles that are gone, with their story.</param>
    /// <param name="taken">Ids a new story may not take.</param>
    public static StoryWorkingSet BuildWorkingSet(
        IReadOnlyDictionary<string, ScoringRecord> records,
        IReadOnlyDictionary<UInt128, string> nodes,
        IReadOnlyDictionary<string, (StoryHead? Head, List<StoryMemberEntry> Members)> stories,
        IReadOnlyList<StoryDayEntry> days,
        IReadOnlyDictionary<string, string?> dayStories,
        IReadOnlyDictionary<string, string?> removed,
        IReadOnlySet<string> taken)
    {
        var articles = new List<StoryCandidate>();

        // A removed article is still in the rows that knew it (its story's members, its day): it counts as unseen there.
        var seen = new HashSet<string>(removed.Keys, StringComparer.Ordinal);
        foreach (var record in records.Values.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            seen.Add(record.Id);
            var storyId = nodes.GetValueOrDefault(record.Member.Id);

            // A new delivery of the same text, or an edit of its title, leaves its story as it was.
            var before = storyId is null ? null : stories.GetValueOrDefault(storyId).Members?.FirstOrDefault(m => m.Record?.Id == record.Id)?.Record;
            var changed = before is null || !StoryCandidate.SameStoryInputs(before, record);
            articles.Add(new StoryCandidate(record, storyId, changed, Journaled: true));
        }

        foreach (var (storyId, story) in stories.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            foreach (var member in story.Members.Where(m => m.Record is not null && seen.Add(m.Record.Id)))
            {
                articles.Add(new StoryCandidate(member.Record!, storyId, Changed: false, Journaled: false));
            }
        }

        foreach (var day in days.Where(d => seen.Add(d.Record.Id)))
        {
            articles.Add(new StoryCandidate(day.Record, dayStories.GetValueOrDefault(day.StoryId), Changed: false, Journaled: false));
        }

        return new StoryWorkingSet
        {
            Articles = articles,
            Removed = removed,
            Stories = stories.ToDictionary(
                s => s.Key,
                s => new StoredStory(
                    new StoryIdentity(s.Key, s.Value.Members.Where(m => m.Record is not null).Select(m => m.Id).Distinct().Count(), s.Value.Head?.Began ?? s.Value.Members.Select(m => m.Record?.Member.PublishedTicks).OfType<long>().DefaultIfEmpty(0).Min()),
                    [.. s.Value.Members.Select(m => m.Id)]),
                StringComparer.Ordinal),
            TakenIds = taken,
        };
    }

    private async Task<Dictionary<string, StoredArticle>> ReadArticlesAsync(List<string> ids, CancellationToken cancellationToken)
    {
        var found = new ConcurrentDictionary<string, StoredArticle>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = _options.WriteConcurrency, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            // A retracted or taken-down article counts as removed: its story and counts are recomputed without it.
            if (await _articles.GetAsync(id, ct) is { Summary.Withdrawal: null } article)
            {
                found[id] = article;
            }
        });
        return new Dictionary<string, StoredArticle>(found, StringComparer.Ordinal);
    }

    private async Task ReadStoriesAsync(IEnumerable<string> storyIds, Dictionary<string, (StoryHead? Head, List<StoryMemberEntry> Members)> into, CancellationToken cancellationToken)
    {
        var wanted = storyIds.Distinct(StringComparer.Ordinal).Where(id => !into.ContainsKey(id)).ToList();
        var read = new ConcurrentDictionary<string, (StoryHead?, List<StoryMemberEntry>)>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(wanted, new ParallelOptions { MaxDegreeOfParallelism = _options.ReadConcurrency, CancellationToken = cancellationToken }, async (id, ct) =>
            read[id] = await _stories.ReadStoryAsync(id, ct));
        foreach (var (id, story) in read)
        {
            into[id] = story;
        }
    }

    /// <summary>The articles of the day lookup within the story window of each changed article (of today, for an undated one).</summary>
    private async Task<List<StoryDayEntry>> ReadDaysAsync(IEnumerable<ScoringRecord> changed, CancellationToken cancellationToken)
    {
        var reach = (int)Math.Ceiling(_storyOptions.WindowDays);
        var today = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);
        var days = new SortedSet<DateOnly>();
        foreach (var record in changed)
        {
            var day = StoryStore.IsUndated(record) ? today : StoryStore.DayOf(record);
            for (var offset = -reach; offset <= reach; offset++)
            {
                days.Add(day.AddDays(offset));
            }
        }

        var read = new ConcurrentBag<List<StoryDayEntry>>();
        await Parallel.ForEachAsync(days, new ParallelOptions { MaxDegreeOfParallelism = _options.ReadConcurrency, CancellationToken = cancellationToken }, async (day, ct) =>
            read.Add(await _stories.ReadDayAsync(day, ct)));
        return [.. read.SelectMany(d => d).OrderBy(d => d.Record.Id, StringComparer.Ordinal)];
    }

    /// <summary>Where each story id leads now: itself, the story that absorbed it (through every merge since), or null when it is gone.</summary>
    private async Task<Dictionary<string, string?>> ResolveAsync(IEnumerable<string> storyIds, Dictionary<string, StoryHead> heads, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        var at = storyIds.Distinct(StringComparer.Ordinal).ToDictionary(id => id, id => (string?)id, StringComparer.Ordinal);
        for (var hop = 0; hop <= MaxMergeHops && at.Count > 0; hop++)
        {
            var unread = at.Values.OfType<string>().Where(id => !heads.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
            foreach (var (id, head) in await _stories.ReadHeadsAsync(unread, cancellationToken))
            {
                heads[id] = head;
            }

            foreach (var (id, now) in at.ToList())
            {
                var head = now is null ? null : heads.GetValueOrDefault(now);
                if (head?.MergedInto is { } next && hop < MaxMergeHops)
                {
                    at[id] = next;
                    continue;
                }

                // No head yet (a run that died before writing it) still names the story its rows are in.
                result[id] = head is { Gone: true } ? null : now;
                at.Remove(id);
            }
        }

        return result;
    }
}
