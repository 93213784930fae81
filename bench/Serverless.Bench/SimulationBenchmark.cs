using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using Serverless.Domain.Articles;
using Serverless.Domain.Scoring;
using Serverless.Domain.Stores;

namespace Serverless.Bench;

/// <summary>
/// Rescoring at archive sizes storage benchmarks cannot load: the run's reads, working set and pure planners over a
/// <see cref="SimulatedArchive"/> of each size (see <see cref="SimulatedRun"/>), a quiet run and a run after 500 new
/// articles, each measured <see cref="Repeats"/> times after one warm-up run (the median by CPU time is shown). Prints CPU
/// time, wall time and allocations per run, with the ratio to the smallest archive: they follow the news (the articles
/// a day), not the archive.
/// </summary>
public static class SimulationBenchmark
{
    private const int Arrivals = 500;
    private const int Repeats = 3;
    private const ulong Seed = 15;

    public static void Run(IReadOnlyList<long> archives, double perDay)
    {
        var now = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
        var options = new StoryOptions();
        var scorer = new HeatScorer(Options.Create(new HeatOptions()));
        ArticleScore Score(int? quality, StoryCoverage story, IReadOnlyList<string> topics)
        {
            var baseHeat = scorer.BaseHeat(quality, story);
            return new ArticleScore(story.StoryId, story.Articles, story.Providers, baseHeat, scorer.IsPublished(baseHeat), topics);
        }

        IReadOnlyList<TopicIndexRow> RowsFor(string articleId, ArticleScore? score, DateTimeOffset published) =>
            score is not { Published: true } ? [] : [.. score.TopicIds.Select(t => new TopicIndexRow(t, $"{HeatScorer.RankKey(scorer.RankOf(score.BaseHeat, published))}_{articleId}"))];

        Console.WriteLine($"\n== Simulation: rescoring over generated archives of {string.Join(", ", archives.Select(a => a.ToString("N0", CultureInfo.InvariantCulture)))} articles, {perDay:N0} a day, no storage");
        var results = new List<(long Archive, Figures Quiet, Figures After)>();
        foreach (var size in archives)
        {
            var archive = new SimulatedArchive(size, perDay, now, Seed, Score);
            var arrivals = archive.Arrivals(Arrivals, now);
            Console.WriteLine($"  archive of {size:N0}: {archive.Start:yyyy-MM-dd} to {archive.End:yyyy-MM-dd} ({archive.SpanDays / 365.25:F1} years), then {Arrivals} new articles in the last day");
            if (results.Count == 0)
            {
                // Warm-up: the first run pays for compiling the planners.
                SimulatedRun.Run(archive, arrivals, now, options, Score, RowsFor);
            }

            var quiet = Report("quiet run", Measure(archive, [], now, options, Score, RowsFor));
            var after = Report($"after {Arrivals} new articles", Measure(archive, arrivals, now, options, Score, RowsFor));
            results.Add((size, quiet, after));
        }

        Console.WriteLine($"\n== Simulation: ratio to the {results[0].Archive:N0}-article archive (flat: about 1.0x)");
        foreach (var (archive, _, after) in results)
        {
            var smallest = results[0].After;
            Console.WriteLine(
                $"  {archive,11:N0}  after {Arrivals}: CPU {Ratio(after.Cpu.TotalSeconds, smallest.Cpu.TotalSeconds)}, planning CPU {Ratio(after.Outcome.PlanningCpu.TotalSeconds, smallest.Outcome.PlanningCpu.TotalSeconds)}, " +
                $"wall {Ratio(after.Wall.TotalSeconds, smallest.Wall.TotalSeconds)}, allocated {Ratio(after.AllocatedBytes, smallest.AllocatedBytes)}, " +
                $"articles read {Ratio(after.Outcome.ArticlesRead, smallest.Outcome.ArticlesRead)}, stories touched {Ratio(after.Outcome.StoriesTouched, smallest.Outcome.StoriesTouched)}, " +
                $"score changes {Ratio(after.Outcome.ScoresChanged, smallest.Outcome.ScoresChanged)}");
        }

        Console.WriteLine($"  quiet runs: nothing in the journal, nothing read or planned at any size");
    }

    private static Figures Measure(
        SimulatedArchive archive,
        IReadOnlyList<ScoringRecord> changed,
        DateTimeOffset now,
        StoryOptions options,
        Func<int?, StoryCoverage, IReadOnlyList<string>, ArticleScore> score,
        Func<string, ArticleScore?, DateTimeOffset, IReadOnlyList<TopicIndexRow>> rowsFor)
    {
        var runs = new List<Figures>();
        for (var repeat = 0; repeat < Repeats; repeat++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes(true);
            var wall = Stopwatch.StartNew();
            var outcome = SimulatedRun.Run(archive, changed, now, options, score, rowsFor);
            wall.Stop();
            process.Refresh();
            runs.Add(new Figures(outcome, process.TotalProcessorTime - cpu, wall.Elapsed, GC.GetTotalAllocatedBytes(true) - allocated));
        }

        return runs.OrderBy(r => r.Cpu).ElementAt(Repeats / 2);
    }

    private static Figures Report(string label, Figures f)
    {
        var o = f.Outcome;
        Console.WriteLine(
            $"    {label,-24} CPU {f.Cpu.TotalMilliseconds,7:N0} ms (planning {o.PlanningCpu.TotalMilliseconds,6:N0} ms)  wall {f.Wall.TotalMilliseconds,7:N0} ms  allocated {f.AllocatedBytes / 1024.0 / 1024.0,7:N1} MiB  " +
            $"articles read {o.ArticlesRead,7:N0} ({o.ArticlesInWindow:N0} in the window)  stories read {o.StoriesRead,5:N0}  touched {o.StoriesTouched,5:N0}  rounds {o.Rounds}  " +
            $"score changes {o.ScoresChanged,5:N0}  index rows +{o.IndexRowsWritten:N0} -{o.IndexRowsDeleted:N0}");
        return f;
    }

    private static string Ratio(double value, double smallest) =>
        smallest == 0 ? (value == 0 ? "1.0x" : "n/a") : (value / smallest).ToString("0.00x", CultureInfo.InvariantCulture);

    private sealed record Figures(SimulatedOutcome Outcome, TimeSpan Cpu, TimeSpan Wall, long AllocatedBytes);
}
