using Serverless.Bench;

// bench [ingest] [rescore] [feeds] [load] [cluster] [feeds-index] [scaling] [simulate] [--count N] [--load-count 5000] [--rescore-counts 10000,100000] [--archives 10000,100000] [--no-first-run] [--shared DIR]
var sections = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal) && !char.IsDigit(a[0]) && !a.Contains('/')).ToHashSet(StringComparer.OrdinalIgnoreCase);
string Option(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
var count = int.Parse(Option("--count", "10000"), System.Globalization.CultureInfo.InvariantCulture);
var rescoreCounts = Option("--rescore-counts", "10000,100000").Split(',').Select(c => int.Parse(c, System.Globalization.CultureInfo.InvariantCulture)).ToList();
var shared = Option("--shared", Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../../shared")));
var connection = Environment.GetEnvironmentVariable("AzureWebJobsStorage") ?? "UseDevelopmentStorage=true";
bool Run(string section) => (sections.Count == 0 || sections.Contains(section)) && !sections.Contains("feeds-index") && !sections.Contains("cluster") && !sections.Contains("scaling") && !sections.Contains("simulate");
if (sections.Contains("scaling-run"))
{
    // One rescoring run in a process of its own, started by the scaling benchmark.
    return await ScalingRun.RunChildAsync(connection, Option("--suffix", string.Empty), int.Parse(Option("--runs", "0"), System.Globalization.CultureInfo.InvariantCulture));
}

if (sections.Contains("simulate"))
{
    // No storage and no corpus: the archive is generated as it is read (see SimulatedArchive).
    var sizes = Option("--archives", "1000000,10000000").Split(',').Select(c => long.Parse(c, System.Globalization.CultureInfo.InvariantCulture)).ToList();
    SimulationBenchmark.Run(sizes, double.Parse(Option("--per-day", "5000"), System.Globalization.CultureInfo.InvariantCulture));
    return 0;
}

if (!Directory.Exists(Path.Combine(shared, "corpus")))
{
    Console.Error.WriteLine($"The shared corpus is not at {shared}; pass --shared DIR.");
    return 1;
}

Console.WriteLine($"Benchmark on {Environment.ProcessorCount} cores, .NET {Environment.Version}, storage: {(connection.Contains("127.0.0.1", StringComparison.Ordinal) || connection.Contains("UseDevelopmentStorage", StringComparison.Ordinal) ? "Azurite" : "Azure")}");
var now = DateTimeOffset.UtcNow;
if (Run("ingest") || Run("rescore") || Run("feeds"))
{
    var files = CorpusGenerator.Generate(shared, count, now);
    var ingested = await IngestBenchmark.RunAsync(connection, files);
    if (Run("rescore") || Run("feeds"))
    {
        foreach (var n in rescoreCounts)
        {
            var pipeline = n == count ? ingested : await RescoreBenchmark.LoadAsync(connection, CorpusGenerator.Generate(shared, n, now));
            var arrivals = CorpusGenerator.Generate(shared, n + (500 * RescoreBenchmark.SteadyRuns), now).Skip(n).ToList();
            var first = await RescoreBenchmark.RunAsync(pipeline, n, n == count ? "articles from the ingest run" : "loaded as the ingest leaves them", arrivals);
            if (Run("feeds") && n == rescoreCounts.Max())
            {
                await FeedBenchmark.RunAsync(pipeline, Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../..")));
            }

            // Last on this pipeline: it alters the tables.
            await RescoreBenchmark.ReportStorageLimitAsync(pipeline, first, Math.Min(n, 20_000));
        }
    }
}

if (sections.Contains("cluster"))
{
    await ClusterBenchmark.RunAsync(connection, CorpusGenerator.Generate(shared, rescoreCounts.Max() + 500, now), 500);
}

if (sections.Contains("feeds-index"))
{
    // The feed benchmark at scale: N articles over 20 topics, index rows loaded directly (see IndexLoader).
    var n = int.Parse(Option("--feed-count", "100000"), System.Globalization.CultureInfo.InvariantCulture);
    Console.WriteLine($"\n== Loading {n:N0} articles over 20 topics into the topic index");
    var loaded = await IndexLoader.LoadAsync(connection, CorpusGenerator.Generate(shared, n, now));
    await FeedBenchmark.RunAsync(loaded, Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../..")));
}

if (sections.Contains("scaling"))
{
    var archives = Option("--archives", "10000,100000").Split(',').Select(c => int.Parse(c, System.Globalization.CultureInfo.InvariantCulture)).ToList();
    await ScalingBenchmark.RunAsync(connection, shared, archives, !args.Contains("--no-first-run"), Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../..")));
}

if (Run("load"))
{
    await LoadBenchmark.RunAsync(connection, CorpusGenerator.Generate(shared, int.Parse(Option("--load-count", "5000"), System.Globalization.CultureInfo.InvariantCulture), now), Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../..")));
}

return 0;
