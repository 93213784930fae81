using Serverless.Domain.Articles;
using Serverless.Domain.Scoring;
using Serverless.Domain.Stores;

namespace Serverless.Bench;

/// <summary>
/// One rescoring run over a <see cref="SimulatedArchive"/>: the reads of <c>RescoreLoader</c> (changed articles,
/// node rows, their stories, the day rows of each changed article's window, then the stories the plan reaches, round
/// after round), the working set it builds, <see cref="StoryPlanner.Plan"/> and <see cref="RescorePlanner.Plan"/>,
/// with the store's reads answered from memory. Writes are planned, not made.
/// </summary>
public static class SimulatedRun
{
    // As RescoreLoader: a slice's plan reaches every story it can touch within a few rounds.
    private const int MaxPlanRounds = 6;

    /// <param name="archive">Where the rows come from.</param>
    /// <param name="changed">The journal's slice: the articles ingested since the last run, as stored now (empty: a quiet run).</param>
    /// <param name="now">The run's clock (an undated article's window is today's).</param>
    /// <param name="options">The story settings.</param>
    /// <param name="score">The heat formula (<c>ArticleIndexer.Score</c>).</param>
    /// <param name="rowsFor">The index rows of a scored article (<c>TopicIndexStore.RowsFor</c>).</param>
    public static SimulatedOutcome Run(
        SimulatedArchive archive,
        IReadOnlyList<ScoringRecord> changed,
        DateTimeOffset now,
        StoryOptions options,
        Func<int?, StoryCoverage, IReadOnlyList<string>, ArticleScore> score,
        Func<string, ArticleScore?, DateTimeOffset, IReadOnlyList<TopicIndexRow>> rowsFor)
    {
        if (changed.Count == 0)
        {
            // An empty journal: the runner reads one partition and stops.
            return new SimulatedOutcome(0, 0, 0, 0, 0, 0, 0, 0, TimeSpan.Zero);
        }

        var records = changed.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var nodes = archive.FindStories(records.Values.Select(r => r.Member.Id).Concat(records.Values.SelectMany(r => r.RelatedIds)));
        var stories = new Dictionary<string, (StoryHead? Head, List<StoryMemberEntry> Members)>(StringComparer.Ordinal);
        ReadStories(archive, nodes.Values, stories);
        var days = ReadDays(archive, records.Values, now, options);
        var taken = archive.ReadHeads(records.Keys.Where(id => !nodes.ContainsKey(StoryIds.Parse(id)))).Keys.ToHashSet(StringComparer.Ordinal);
        var planning = TimeSpan.Zero;
        for (var round = 1; ; round++)
        {
            var set = Build(records, nodes, stories, days, taken);
            var started = CpuTime();
            var plan = StoryPlanner.Plan(set, options);
            planning += CpuTime() - started;
            if (plan.MissingStories.Count == 0 || round == MaxPlanRounds)
            {
                if (plan.MissingStories.Count > 0)
                {
                    throw new InvalidOperationException($"The plan still reached {plan.MissingStories.Count} unread stories after {MaxPlanRounds} rounds.");
                }

                started = CpuTime();
                var changes = RescorePlanner.Plan(plan, set, new Dictionary<string, IReadOnlyList<TopicIndexRow>>(), new Dictionary<string, (ArticleScore?, DateTimeOffset)>(), score, rowsFor);
                planning += CpuTime() - started;
                return new SimulatedOutcome(
                    set.Articles.Count,
                    days.Count,
                    stories.Count,
                    plan.Stories.Count,
                    round,
                    changes.Count(c => c.ScoreChanged),
                    changes.Sum(c => c.Rows.Count),
                    changes.Sum(c => c.StaleRows.Count),
                    planning);
            }

            ReadStories(archive, plan.MissingStories, stories);
        }
    }

    private static TimeSpan CpuTime() => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;

    private static void ReadStories(SimulatedArchive archive, IEnumerable<string> storyIds, Dictionary<string, (StoryHead? Head, List<StoryMemberEntry> Members)> into)
    {
        foreach (var id in storyIds.Distinct(StringComparer.Ordinal).Where(id => !into.ContainsKey(id)).ToList())
        {
            into[id] = archive.ReadStory(id);
        }
    }

    private static List<StoryDayEntry> ReadDays(SimulatedArchive archive, IEnumerable<ScoringRecord> changed, DateTimeOffset now, StoryOptions options)
    {
        var reach = (int)Math.Ceiling(options.WindowDays);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var days = new SortedSet<DateOnly>();
        foreach (var record in changed)
        {
            var day = StoryStore.DayOf(record) ?? today;
            for (var offset = -reach; offset <= reach; offset++)
            {
                days.Add(day.AddDays(offset));
            }
        }

        return [.. days.SelectMany(archive.ReadDay).OrderBy(d => d.Record.Id, StringComparer.Ordinal)];
    }

    /// <summary>The working set as <c>RescoreLoader.Build</c> makes it (no removals here, and the archive has no merges to follow).</summary>
    private static StoryWorkingSet Build(
        Dictionary<string, ScoringRecord> records,
        Dictionary<UInt128, string> nodes,
        Dictionary<string, (StoryHead? Head, List<StoryMemberEntry> Members)> stories,
        List<StoryDayEntry> days,
        HashSet<string> taken)
    {
        var articles = new List<StoryCandidate>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records.Values.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            seen.Add(record.Id);
            var storyId = nodes.GetValueOrDefault(record.Member.Id);
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
            articles.Add(new StoryCandidate(day.Record, day.StoryId, Changed: false, Journaled: false));
        }

        return new StoryWorkingSet
        {
            Articles = articles,
            Stories = stories.ToDictionary(
                s => s.Key,
                s => new StoredStory(
                    new StoryIdentity(s.Key, s.Value.Members.Count, s.Value.Head?.Began ?? s.Value.Members.Select(m => m.Record?.Member.PublishedTicks).OfType<long>().DefaultIfEmpty(0).Min()),
                    [.. s.Value.Members.Select(m => m.Id)]),
                StringComparer.Ordinal),
            TakenIds = taken,
        };
    }
}
