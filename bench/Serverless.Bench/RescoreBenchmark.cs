using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Domain.Articles;
using Serverless.Domain.Parsing;
using Serverless.Domain.Scoring;
using Serverless.Domain.Storage;

namespace Serverless.Bench;

/// <summary>Rescoring time, rate, writes and peak memory; then a second run with nothing changed.</summary>
public static class RescoreBenchmark
{
    public static async Task RunAsync(IServiceProvider pipeline, int count, string label)
    {
        Console.WriteLine($"\n== Rescore: {count:N0} articles ({label})");
        var rescore = pipeline.GetRequiredService<RescoreService>();
        foreach (var run in new[] { "first run", "second run (nothing changed)" })
        {
            var measure = new Measurements();
            measure.Start();
            var report = await rescore.RunAsync(CancellationToken.None);
            measure.Stop();
            Console.WriteLine(
                $"  {run,-30} {measure.Elapsed.TotalSeconds,7:F1} s {measure.Rate(report.ArticlesRead),9:N0} articles/s  writes {report.Writes,7:N0}" +
                $" (scores {report.ArticlesChanged:N0}, index +{report.IndexRowsWritten:N0}/-{report.IndexRowsDeleted:N0}, stats {report.TopicStatsWritten})" +
                $"  stories {report.Stories:N0}  peak heap {measure.PeakManagedBytes / 1024.0 / 1024:F0} MiB ({measure.PeakManagedBytes / Math.Max(1, report.ArticlesRead):N0} B/article)");
        }
    }

    /// <summary>Loads articles as the ingest stores them (same entities, unscored), in batches, to reach large counts quickly.</summary>
    public static async Task<IServiceProvider> LoadAsync(string connectionString, List<(string Name, byte[] Content)> files)
    {
        var pipeline = await BenchPipeline.CreateAsync(connectionString, "rescore");
        var parser = pipeline.GetRequiredService<ArticleParser>();
        var table = pipeline.GetRequiredService<ArticleStore>().Table;
        var now = DateTimeOffset.UtcNow;
        var entities = files.Select(f =>
        {
            var article = parser.Parse(f.Content, f.Name).Article!;
            var summary = ArticleSummary.From(article, now, TextSketch.Encode(TextSketch.Compute(TextSketch.TextOf(article))));
            return ArticleEntityCodec.ToEntity(summary, ArticleEntityCodec.SerializeDocument(article), null, f.Name);
        }).DistinctBy(e => e.PartitionKey).ToList();
        await Parallel.ForEachAsync(entities.Chunk(1), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (chunk, ct) =>
            await table.UpsertEntityAsync(chunk[0], TableUpdateMode.Replace, ct));
        return pipeline;
    }
}
