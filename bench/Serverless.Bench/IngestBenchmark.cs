using System.Diagnostics;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Domain.Articles;
using Serverless.Domain.Ingestion;
using Serverless.Domain.Parsing;
using Serverless.Domain.Scoring;
using Serverless.Domain.Storage;

namespace Serverless.Bench;

/// <summary>Parse rate, ingest rate through ArticleIngestor (the function's code), and raw Azurite upserts of the same entities.</summary>
public static class IngestBenchmark
{
    public const int Concurrency = 8; // host.json extensions.blobs.maxDegreeOfParallelism

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

        var ingestor = pipeline.GetRequiredService<ArticleIngestor>();
        var ingest = new Measurements();
        ingest.Start();
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (file, ct) =>
        {
            var started = Stopwatch.GetTimestamp();
            var outcome = await ingestor.IngestContentAsync(file.Name, file.Content, null, ct);
            if (outcome.State != IngestState.Ingested)
            {
                throw new InvalidOperationException($"{file.Name}: {outcome.Error}");
            }

            ingest.Record(Stopwatch.GetElapsedTime(started));
        });
        ingest.Stop();
        Console.WriteLine($"  ingest (ArticleIngestor, {Concurrency} parallel) {ingest.Rate(count),6:N0} articles/s   {ingest.LatencySummary()}   peak heap {ingest.PeakManagedBytes / 1024 / 1024} MiB");

        // The same entities the ingest writes, written raw: the storage's own limit on this machine.
        var entities = articles.Select(a => ArticleEntityCodec.ToEntity(
            ArticleSummary.From(a, DateTimeOffset.UtcNow, TextSketch.Encode(TextSketch.Compute(TextSketch.TextOf(a)))),
            ArticleEntityCodec.SerializeDocument(a), null, "raw")).ToList();
        var tables = pipeline.GetRequiredService<TableServiceClient>();
        var single = tables.GetTableClient($"BenchRawSingle{DateTime.UtcNow:HHmmssfff}");
        await single.CreateIfNotExistsAsync();
        var raw = new Measurements();
        raw.Start();
        await Parallel.ForEachAsync(entities, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (entity, ct) =>
        {
            var started = Stopwatch.GetTimestamp();
            await single.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct);
            raw.Record(Stopwatch.GetElapsedTime(started));
        });
        raw.Stop();
        Console.WriteLine($"  raw single upsert ({Concurrency} parallel) {raw.Rate(count),8:N0} entities/s   {raw.LatencySummary()}");

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
        Console.WriteLine($"  ratio ingest / raw single upsert   {ingest.Rate(count) / raw.Rate(count),8:P0}   (an ingest issues the article insert, then its index rows and status, which group commit shares with concurrent ingests: 2 round trips to raw's 1)");
        Console.WriteLine($"  ratio parse / ingest               {parse.Rate(count) / ingest.Rate(count),8:N0}x  (parsing is not the bottleneck when > 1)");
        return pipeline;
    }
}
