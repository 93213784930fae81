using Serverless.Domain.Rescoring;
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
            var set = RescoreLoader.BuildWorkingSet(records, nodes, stories, days, days.Select(d => d.StoryId).Distinct(StringComparer.Ordinal).ToDictionary(id => id, id => (string?)id, StringComparer.Ordinal), new Dictionary<string, string?>(), taken);
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
            var day = StoryStore.IsUndated(record) ? today : StoryStore.DayOf(record);
            for (var offset = -reach; offset <= reach; offset++)
            {
                days.Add(day.AddDays(offset));
            }
        }

        return [.. days.SelectMany(archive.ReadDay).OrderBy(d => d.Record.Id, StringComparer.Ordinal)];
    }
}
