using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Domain.Articles;
using Serverless.Domain.Ingestion;
using Serverless.Domain.Parsing;
using Serverless.Domain.Rescoring;
using Serverless.Domain.Stores;

namespace Serverless.Bench;

/// <summary>Rescoring time, rate, writes and peak memory; then a second run with nothing changed.</summary>
public static class RescoreBenchmark
{
    /// <summary>Steady runs of 500 new articles each, from BENCH_STEADY_RUNS.</summary>
    public static readonly int SteadyRuns = int.TryParse(Environment.GetEnvironmentVariable("BENCH_STEADY_RUNS"), out var runs) && runs > 0 ? runs : 1;

    /// <summary>Runs and reports the rescoring runs; returns the first run's report, for <see cref="ReportStorageLimitAsync"/>.</summary>
    public static async Task<RescoreReport> RunAsync(IServiceProvider pipeline, int count, string label, List<(string Name, byte[] Content)> arrivals)
    {
        Console.WriteLine($"\n== Rescore: {count:N0} articles ({label})");
        var rescore = pipeline.GetRequiredService<RescoreRunner>();
        RescoreReport? first = null;
        foreach (var run in new[] { "first run (every article new)", "second run (nothing changed)" })
        {
            var result = await MeasureAsync(rescore);
            first ??= result.Report;
            Report(run, result);
        }

        // What the timer meets every 15 minutes: a few hundred new articles since the last run, some joining stories.
        // Repeated (BENCH_STEADY_RUNS, default 1) because one such run on Azurite varies by a quarter from one run to the next.
        var ingestor = pipeline.GetRequiredService<ArticleIngestor>();
        var steady = new List<double>();
        foreach (var batch in arrivals.Chunk(500))
        {
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = IngestBenchmark.Concurrency }, async (file, ct) =>
                await ingestor.IngestContentAsync(file.Name, file.Content, null, ct));
            await pipeline.GetRequiredService<IngestStatusStore>().FlushAsync(CancellationToken.None);
            await pipeline.GetRequiredService<TopicIndexStore>().FlushAsync(CancellationToken.None);
            var result = await MeasureAsync(rescore);
            steady.Add(result.Measure.Elapsed.TotalSeconds);
            Report($"steady run ({batch.Length} new articles)", result);
        }

        if (steady.Count > 1)
        {
            Console.WriteLine($"  steady runs: median {steady.Order().ElementAt(steady.Count / 2):F2} s of {string.Join(", ", steady.Select(s => s.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))}");
        }

        return first!;
    }

    /// <summary>
    /// The raw limit of the storage for the first run's two write phases, measured on the tables as they now stand
    /// (Azurite slows down as a table grows): score merges into Articles, row upserts and deletes in TopicIndex, 100
    /// per transaction, as many in parallel as a run writes. Run it last on a pipeline: it changes articles' versions
    /// and deletes index rows.
    /// </summary>
    public static async Task ReportStorageLimitAsync(IServiceProvider pipeline, RescoreReport first, int rows)
    {
        var concurrency = pipeline.GetRequiredService<IOptions<RescoreOptions>>().Value.WriteConcurrency;
        var articles = pipeline.GetRequiredService<ArticleStore>();
        var index = pipeline.RawTable(o => o.TopicIndexTable);

        var merges = new List<TableTransactionAction>(rows);
        await foreach (var summary in articles.GetSummariesAsync())
        {
            if (merges.Count == rows)
            {
                break;
            }

            if (summary.Score is not null)
            {
                var entity = new TableEntity(ArticleEntityCodec.PartitionKeyOf(summary.Id), summary.Id);
                ArticleEntityCodec.WriteScore(entity, summary.Score);
                merges.Add(new TableTransactionAction(TableTransactionActionType.UpdateMerge, entity, ETag.All));
            }
        }

        // Rows shaped like the index's, in its own partitions, as the run writes them.
        var template = await index.QueryAsync<TableEntity>(maxPerPage: 100).FirstAsync();
        var topics = (await pipeline.GetRequiredService<TopicStatsStore>().GetAllAsync(CancellationToken.None)).Keys.ToList();
        var upserts = Enumerable.Range(0, rows).Select(i =>
        {
            var entity = new TableEntity(template) { PartitionKey = topics[i % topics.Count], RowKey = $"bench-raw-{i:D8}" };
            entity.Remove("odata.etag");
            entity.Remove("Timestamp");
            return new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity);
        }).ToList();
        var mergeRate = await RawRateAsync(pipeline.RawTable(o => o.ArticlesTable), merges, concurrency);
        var upsertRate = await RawRateAsync(index, upserts, concurrency);

        // Deletes of rows that were there before these (Azurite's cost of a delete grows with the rows stored after it).
        var deletes = await index.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"])
            .Where(e => !e.RowKey.StartsWith("bench-raw-", StringComparison.Ordinal))
            .Take(rows)
            .Select(e => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(e.PartitionKey, e.RowKey), ETag.All))
            .ToListAsync();
        var deleteRate = await RawRateAsync(index, deletes, concurrency);

        var scoresTook = PhaseSeconds(first, "scores");
        var indexTook = PhaseSeconds(first, "index rows");
        var rawIndexTook = (first.IndexRowsWritten / upsertRate) + (first.IndexRowsDeleted / deleteRate);
        Console.WriteLine($"  raw limit of the tables as the runs left them ({merges.Count:N0} merges, {upserts.Count:N0} upserts, {deletes.Count:N0} deletes; 100 per transaction, {concurrency} parallel):");
        Console.WriteLine($"    score merges into Articles        {mergeRate,9:N0} rows/s   first run's scores: {first.ArticlesChanged / scoresTook:N0} rows/s = {first.ArticlesChanged / scoresTook / mergeRate:P0} of raw");
        Console.WriteLine($"    row upserts / deletes in TopicIndex {upsertRate,7:N0} / {deleteRate:N0} rows/s   first run's index writes: {indexTook:F1} s (re-reading the shards' summaries included), raw would take {rawIndexTook:F1} s = {rawIndexTook / indexTook:P0} of raw");
    }

    private static double PhaseSeconds(RescoreReport report, string phase) =>
        Math.Max(0.001, report.Phases.Where(p => p.Phase.StartsWith(phase, StringComparison.Ordinal)).Sum(p => p.Duration.TotalSeconds));

    private static async Task<double> RawRateAsync(TableClient table, List<TableTransactionAction> actions, int concurrency)
    {
        if (actions.Count == 0)
        {
            return double.NaN;
        }

        var batches = actions.GroupBy(a => a.Entity.PartitionKey, StringComparer.Ordinal).SelectMany(p => p.Chunk(100)).ToList();
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (batch, ct) =>
            await table.SubmitTransactionAsync(batch, ct));
        return actions.Count / stopwatch.Elapsed.TotalSeconds;
    }

    private static async Task<(RescoreReport Report, Measurements Measure)> MeasureAsync(RescoreRunner rescore)
    {
        var measure = new Measurements();
        measure.Start();
        var report = await rescore.RunAsync(CancellationToken.None);
        measure.Stop();
        return (report, measure);
    }

    private static void Report(string run, (RescoreReport Report, Measurements Measure) result)
    {
        var (report, measure) = result;
        Console.WriteLine(
            $"  {run,-30} {measure.Elapsed.TotalSeconds,7:F1} s {measure.Rate(report.ArticlesRead),9:N0} articles/s  writes {report.Writes,7:N0}" +
            $" (scores {report.ArticlesChanged:N0}, index +{report.IndexRowsWritten:N0}/-{report.IndexRowsDeleted:N0}, stats {report.TopicStatsWritten})" +
            $"  changes {report.Changes:N0} in {report.Slices} slices, window {report.ArticlesInWindow:N0}, stories touched {report.StoriesTouched:N0}, story rows {report.StoryRowsWritten:N0}  peak heap {measure.PeakManagedBytes / 1024.0 / 1024:F0} MiB ({measure.PeakManagedBytes / Math.Max(1, report.ArticlesRead):N0} B/article), GC pauses {measure.GcPause.TotalSeconds:F1} s");
        Console.WriteLine($"  {string.Empty,-30} phases: {string.Join(", ", report.Phases.Select(p => $"{p.Phase} {p.Duration.TotalSeconds:F1} s"))}");
    }

    /// <summary>
    /// Loads articles as the ingest leaves them (the same entities with their ingest-time score, and their topic index
    /// rows), written 100 per transaction so that 100,000 articles load in minutes rather than hours.
    /// </summary>
    public static async Task<IServiceProvider> LoadAsync(string connectionString, List<(string Name, byte[] Content)> files)
    {
        var pipeline = await BenchPipeline.CreateAsync(connectionString, "rescore");
        await LoadAsync(pipeline, files, DateTimeOffset.UtcNow);
        return pipeline;
    }

    /// <summary>
    /// Stores the files' articles and index rows into the pipeline's tables as ingests at <paramref name="now"/> leave
    /// them, journal entries included unless <paramref name="journal"/> is false; returns the articles as stored.
    /// </summary>
    public static async Task<List<StoredArticle>> LoadAsync(IServiceProvider pipeline, List<(string Name, byte[] Content)> files, DateTimeOffset now, bool journal = true)
    {
        var parser = pipeline.GetRequiredService<ArticleParser>();
        var indexer = pipeline.GetRequiredService<ArticleIndexer>();
        var index = pipeline.GetRequiredService<TopicIndexStore>();
        var table = pipeline.RawTable(o => o.ArticlesTable);
        var entities = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        var rows = new Dictionary<(string, string), (TopicIndexRow, ArticleSummary)>();
        var stored = new Dictionary<string, StoredArticle>(StringComparer.Ordinal);
        foreach (var (name, content) in files)
        {
            var article = parser.Parse(content, name).Article!;
            var summary = await indexer.ScoreNewAsync(article, ArticleSummary.From(article, now), null, CancellationToken.None);
            entities[article.Id] = ArticleEntityCodec.ToEntity(summary, ArticleEntityCodec.SerializeDocument(article), null, name);
            stored[article.Id] = new StoredArticle(article, summary, ETag.All);
            foreach (var row in index.RowsFor(summary.Id, summary.Score, summary.EffectivePublished))
            {
                rows[(row.TopicId, row.RowKey)] = (row, summary);
            }
        }

        var batches = entities.Values.GroupBy(e => e.PartitionKey).SelectMany(shard => shard.Chunk(100)).ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (batch, ct) =>
            await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct));
        await index.UpsertRowsAsync(rows.Values, CancellationToken.None);
        if (journal)
        {
            await pipeline.GetRequiredService<ChangeJournalStore>().RecordAllAsync(
                stored.Values.Select(s => (s.Summary.Id, s.Summary.EffectivePublished, (string?)null, (IReadOnlyList<TopicIndexRow>)[])), CancellationToken.None);
        }

        Console.WriteLine($"  loaded {entities.Count:N0} articles, {rows.Count:N0} index rows{(journal ? " and their journal entries" : string.Empty)} as ingested");
        return [.. stored.Values];
    }
}
