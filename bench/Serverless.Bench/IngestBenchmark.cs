using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Domain.Articles;
using Serverless.Domain.Ingestion;
using Serverless.Domain.Parsing;
using Serverless.Domain.Scoring;
using Serverless.Domain.Stores;

namespace Serverless.Bench;

/// <summary>Parse rate, ingest rate through ArticleIngestor (the function's code), and raw Azurite upserts of the same entities.</summary>
public static class IngestBenchmark
{
    public const int Concurrency = 8; // host.json extensions.blobs.maxDegreeOfParallelism
    private const int Rounds = 5;

    public static async Task<IServiceProvider> RunAsync(string connectionString, List<(string Name, byte[] Content)> files)
    {
        var pipeline = await BenchPipeline.CreateAsync(connectionString, "ingest");
        var parser = pipeline.GetRequiredService<ArticleParser>();
        var count = files.Count;
        Console.WriteLine($"\n== Ingest: {count:N0} articles generated from the shared corpus ({files.Sum(f => (long)f.Content.Length) / 1024 / 1024.0:F1} MiB)");

        var parse = new Measurements();
        parse.Start();
        var articles = new List<Article>(count);
        foreach (var (name, content) in files)
        {
            var started = Stopwatch.GetTimestamp();
            articles.Add(parser.Parse(content, name).Article ?? throw new InvalidOperationException($"{name} did not parse"));
            parse.Record(Stopwatch.GetElapsedTime(started));
        }

        parse.Stop();
        Console.WriteLine($"  parse (1 thread)            {parse.Rate(count),10:N0} articles/s   {parse.LatencySummary()}");

        // Ingest and raw upserts alternate in rounds over slices of the same files, so drift in the machine's load
        // (2 cores shared by the emulator and this process) falls on both sides of the ratio alike.
        var ingestor = pipeline.GetRequiredService<ArticleIngestor>();
        var statusStore = pipeline.GetRequiredService<IngestStatusStore>();
        var indexStore = pipeline.GetRequiredService<TopicIndexStore>();
        var entities = articles.Select(a => ArticleEntityCodec.ToEntity(
            ArticleSummary.From(a, DateTimeOffset.UtcNow, TextSketch.Encode(TextSketch.Compute(TextSketch.TextOf(a)))),
            ArticleEntityCodec.SerializeDocument(a), null, "raw")).ToList();
        var tables = pipeline.GetRequiredService<TableServiceClient>();
        var single = tables.GetTableClient($"BenchRawSingle{DateTime.UtcNow:HHmmssfff}");
        await single.CreateIfNotExistsAsync();
        var ingest = new Measurements();
        var raw = new Measurements();
        var ratios = new List<double>();

        // A warm-up slice first (JIT, connection pools, the emulator's first allocations), not measured.
        var warmUp = Math.Min(500, count / 10);
        await Parallel.ForEachAsync(files.Take(warmUp), async (file, ct) => await ingestor.IngestContentAsync(file.Name, file.Content, null, ct));
        await Parallel.ForEachAsync(entities.Take(warmUp), async (entity, ct) => await single.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct));
        var measured = count - warmUp;
        var slice = (measured + Rounds - 1) / Rounds;
        for (var round = 0; round < Rounds; round++)
        {
            var from = warmUp + (round * slice);
            var n = Math.Min(slice, count - from);
            if (n <= 0)
            {
                break;
            }

            var ingestBefore = ingest.Elapsed;
            ingest.Resume();
            await Parallel.ForEachAsync(files.Skip(from).Take(n), new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (file, ct) =>
            {
                var started = Stopwatch.GetTimestamp();
                var outcome = await ingestor.IngestContentAsync(file.Name, file.Content, null, ct);
                if (outcome.State != IngestState.Ingested)
                {
                    throw new InvalidOperationException($"{file.Name}: {outcome.Error}");
                }

                ingest.Record(Stopwatch.GetElapsedTime(started));
            });

            // Status and index rows are written behind the article: a round ends when they are stored too.
            await statusStore.FlushAsync(CancellationToken.None);
            await indexStore.FlushAsync(CancellationToken.None);
            ingest.Pause();

            var rawBefore = raw.Elapsed;
            raw.Resume();
            await Parallel.ForEachAsync(entities.Skip(from).Take(n), new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (entity, ct) =>
            {
                var started = Stopwatch.GetTimestamp();
                await single.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct);
                raw.Record(Stopwatch.GetElapsedTime(started));
            });
            raw.Pause();
            ratios.Add((raw.Elapsed - rawBefore) / (ingest.Elapsed - ingestBefore));
        }

        Console.WriteLine($"  (after a warm-up of {warmUp:N0}, {Rounds} rounds of {slice:N0} ingests, each followed by as many raw upserts)");
        Console.WriteLine($"  ingest (ArticleIngestor, {Concurrency} parallel) {ingest.Rate(measured),6:N0} articles/s   {ingest.LatencySummary()}   peak heap {ingest.PeakManagedBytes / 1024 / 1024} MiB");
        Console.WriteLine($"  raw single upsert ({Concurrency} parallel) {raw.Rate(measured),8:N0} entities/s   {raw.LatencySummary()}");

        var batchTable = tables.GetTableClient($"BenchRawBatch{DateTime.UtcNow:HHmmssfff}");
        await batchTable.CreateIfNotExistsAsync();
        var batches = entities.Select((e, i) => new TableEntity(e) { PartitionKey = $"p{i / 100:D6}", RowKey = e.RowKey }).Chunk(100).ToList();
        var batch = new Measurements();
        batch.Start();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (chunk, ct) =>
        {
            await batchTable.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct);
        });
        batch.Stop();
        Console.WriteLine($"  raw batch upsert (100/batch)       {batch.Rate(count),8:N0} entities/s");
        Console.WriteLine($"  ratio ingest / raw single upsert   {ingest.Rate(measured) / raw.Rate(measured),8:P0}   (per round: {string.Join(", ", ratios.Select(r => r.ToString("P0", CultureInfo.InvariantCulture)))}; an ingest stores the article, then queues its status and index rows, which concurrent ingests share transactions for)");
        Console.WriteLine($"  ratio parse / ingest               {parse.Rate(count) / ingest.Rate(measured),8:N0}x  (parsing is not the bottleneck when > 1)");
        return pipeline;
    }
}
