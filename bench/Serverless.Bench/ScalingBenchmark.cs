using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Domain.Ingestion;
using Serverless.Domain.Stores;

namespace Serverless.Bench;

/// <summary>
/// How a rescoring run's cost grows with the archive: for each archive size, an archive published and ingested long
/// before the story window plus the same 2,000 recent articles. First the first run after a bulk load of them all; then,
/// on fresh tables with the archive as the runs leave it, the runs that take up the recent ones, a quiet run and a run
/// after 500 new articles, each in a process of its own (<see cref="ScalingRun"/>). Prints each figure with its ratio
/// to the smallest archive and writes them to <c>.artifacts/bench/scaling.json</c>.
/// </summary>
public static class ScalingBenchmark
{
    private const int Recent = 2_000;
    private const int Arrivals = 500;

    public static async Task RunAsync(string connection, string shared, IReadOnlyList<int> archives, bool firstRun, string repositoryRoot)
    {
        var now = DateTimeOffset.UtcNow;
        var results = new List<(int Archive, ScalingFigures? First, ScalingFigures TakeUp, ScalingFigures Quiet, ScalingFigures After)>();
        foreach (var archive in archives)
        {
            Console.WriteLine($"\n== Scaling: an archive of {archive:N0} articles from a year ago, {Recent:N0} recent ones");
            var longAgo = now.AddDays(-365);
            var archived = CorpusGenerator.Generate(shared, archive, longAgo, first: 1_000_000);
            var recent = CorpusGenerator.Generate(shared, Recent, now);

            // The first run after a bulk load of it all, alone: the one a 2,048 MB instance must hold. The rest of the
            // load would take as many more runs as it needs; on Azurite, whose every request filters its whole table,
            // that takes hours at 100,000 (slices of 2,000 took 4,000 entries in 478 s), so the steady state is measured
            // on tables of its own, the archive written as those runs leave it (see ArchiveSeeder).
            ScalingFigures? first = null;
            var bulkSuffix = "b" + DateTime.UtcNow.ToString("HHmmssfff", CultureInfo.InvariantCulture);
            if (firstRun)
            {
                await using var bulk = await BenchPipeline.CreateAsync(connection, "scale", bulkSuffix);
                await RescoreBenchmark.LoadAsync(bulk, archived, longAgo);
                await RescoreBenchmark.LoadAsync(bulk, recent, now);
                first = await ChildAsync(connection, bulkSuffix, "first run after the bulk load", runs: 1);
                await bulk.DeleteStorageAsync();
            }

            var suffix = DateTime.UtcNow.ToString("HHmmssfff", CultureInfo.InvariantCulture);
            await using var pipeline = await BenchPipeline.CreateAsync(connection, "scale", suffix);
            await ArchiveSeeder.SeedAsync(pipeline, archived, longAgo);
            await RescoreBenchmark.LoadAsync(pipeline, recent, now);
            var takeUp = await ChildAsync(connection, suffix, $"taking up the {Recent:N0} recent ones");
            var quiet = await ChildAsync(connection, suffix, "quiet run");
            var ingestor = pipeline.GetRequiredService<ArticleIngestor>();
            await Parallel.ForEachAsync(CorpusGenerator.Generate(shared, Arrivals, now, first: Recent), new ParallelOptions { MaxDegreeOfParallelism = IngestBenchmark.Concurrency }, async (file, ct) =>
                await ingestor.IngestContentAsync(file.Name, file.Content, null, ct));
            await pipeline.GetRequiredService<IngestStatusStore>().FlushAsync(CancellationToken.None);
            await pipeline.GetRequiredService<TopicIndexStore>().FlushAsync(CancellationToken.None);
            var after = await ChildAsync(connection, suffix, $"after {Arrivals} new articles");
            results.Add((archive, first, takeUp, quiet, after));
            await pipeline.DeleteStorageAsync();
        }

        Console.WriteLine($"\n== Scaling: ratio to the {results[0].Archive:N0}-article archive (target: within 1.2x for reads, requests, writes and memory)");
        foreach (var (archive, _, _, quiet, after) in results)
        {
            Console.WriteLine($"  {archive,9:N0}  quiet: {Ratios(quiet, results[0].Quiet)}");
            Console.WriteLine($"  {"",9}  after: {Ratios(after, results[0].After)}");
        }

        var folder = Path.Combine(repositoryRoot, ".artifacts", "bench");
        Directory.CreateDirectory(folder);
        var json = new
        {
            archives = results.Select(r => new { archive = r.Archive, first = r.First is null ? null : Figures(r.First), takingUpTheRecent = Figures(r.TakeUp), quiet = Figures(r.Quiet), after500 = Figures(r.After) }),
        };
        var path = Path.Combine(folder, "scaling.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"  written to {path}");
    }

    private static object Figures(ScalingFigures f) => new
    {
        seconds = Math.Round(f.Seconds, 3),
        articlesRead = f.ArticlesRead,
        articleRowsRead = f.ArticleRowsRead,
        indexRowsRead = f.IndexRowsRead,
        requests = f.Requests,
        writes = f.Writes,
        peakWorkingSetMiB = Math.Round(f.PeakWorkingSetMiB, 1),
        allocatedMiB = Math.Round(f.AllocatedMiB, 1),
        rawReadSeconds = Math.Round(f.RawReadSeconds, 3),
        storyRowsRead = f.StoryRowsRead,
        articlesInWindow = f.ArticlesInWindow,
        storiesTouched = f.StoriesTouched,
        runs = f.Runs,
    };

    private static string Ratios(ScalingFigures f, ScalingFigures smallest) =>
        $"articles read {Ratio(f.ArticlesRead, smallest.ArticlesRead)}, article rows {Ratio(f.ArticleRowsRead, smallest.ArticleRowsRead)}, story rows {Ratio(f.StoryRowsRead, smallest.StoryRowsRead)}, " +
        $"index rows {Ratio(f.IndexRowsRead, smallest.IndexRowsRead)}, requests {Ratio(f.Requests, smallest.Requests)}, writes {Ratio(f.Writes, smallest.Writes)}, " +
        $"peak working set {Ratio(f.PeakWorkingSetMiB, smallest.PeakWorkingSetMiB)}, allocated {Ratio(f.AllocatedMiB, smallest.AllocatedMiB)}";

    private static string Ratio(double value, double smallest) =>
        smallest == 0 ? (value == 0 ? "1.0x" : "n/a") : (value / smallest).ToString("0.0x", CultureInfo.InvariantCulture);

    private static async Task<ScalingFigures> ChildAsync(string connection, string suffix, string label, int runs = 0)
    {
        Console.WriteLine($"  {label}:");
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ScalingBenchmark).Assembly.Location);
        }

        start.ArgumentList.Add("scaling-run");
        start.ArgumentList.Add("--suffix");
        start.ArgumentList.Add(suffix);
        start.ArgumentList.Add("--runs");
        start.ArgumentList.Add(runs.ToString(CultureInfo.InvariantCulture));
        start.Environment["AzureWebJobsStorage"] = connection;
        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith(ScalingRun.Marker, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The scaling run ({label}) printed no result (exit code {child.ExitCode}):\n{output}");
        var f = JsonSerializer.Deserialize<ScalingFigures>(line[ScalingRun.Marker.Length..])!;
        Console.WriteLine(
            $"  {label,-28} {f.Seconds,6:F1} s in {f.Runs} run(s) (raw reads {f.RawReadSeconds:F1} s)  articles read {f.ArticlesRead,7:N0} (window {f.ArticlesInWindow:N0}, stories {f.StoriesTouched:N0})  article rows {f.ArticleRowsRead,7:N0}  story rows {f.StoryRowsRead,7:N0}  " +
            $"index rows {f.IndexRowsRead,7:N0}  requests {f.Requests,6:N0}  writes {f.Writes,6:N0}  peak working set {f.PeakWorkingSetMiB,6:N0} MiB  allocated {f.AllocatedMiB,6:N0} MiB");
        return f;
    }
}
