using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Domain.Articles;
using Serverless.Domain.Parsing;
using Serverless.Domain.Scoring;

namespace Serverless.Bench;

/// <summary>Story clustering alone, in memory: the CPU part of a rescoring run, without storage.</summary>
public static class ClusterBenchmark
{
    public static async Task RunAsync(string connectionString, List<(string Name, byte[] Content)> files)
    {
        await using var pipeline = (ServiceProvider)await BenchPipeline.CreateAsync(connectionString, "cluster");
        var parser = pipeline.GetRequiredService<ArticleParser>();
        var options = pipeline.GetRequiredService<IOptions<StoryOptions>>().Value;
        var now = DateTimeOffset.UtcNow;
        var summaries = files
            .Select(f => parser.Parse(f.Content, f.Name).Article!)
            .Select(a => ArticleSummary.From(a, now, TextSketch.Encode(TextSketch.Compute(TextSketch.TextOf(a)))))
            .DistinctBy(s => s.Id)
            .ToList();
        Console.WriteLine($"\n== Story clustering in memory: {summaries.Count:N0} articles");
        for (var run = 1; run <= 2; run++)
        {
            var measure = new Measurements();
            measure.Start();
            var clusterer = new StoryClusterer(options);
            foreach (var summary in summaries)
            {
                clusterer.Add(StoryMembers.From(summary, 40), StoryMembers.RelatedIds(summary), StoryMembers.RelatedProviders(summary));
            }

            var coverage = clusterer.Cluster();
            measure.Stop();
            Console.WriteLine($"  run {run}: {measure.Elapsed.TotalSeconds,6:F1} s   {measure.Rate(summaries.Count),8:N0} articles/s   stories {coverage.Select(c => c.StoryId).Distinct().Count():N0}   peak heap {measure.PeakManagedBytes / 1024 / 1024} MiB   GC pauses {measure.GcPause.TotalSeconds:F1} s");
        }
    }
}
