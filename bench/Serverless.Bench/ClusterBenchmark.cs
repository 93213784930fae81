using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Domain.Articles;
using Serverless.Domain.Parsing;
using Serverless.Domain.Scoring;

namespace Serverless.Bench;

/// <summary>Story clustering alone, in memory: the CPU part of a rescoring run, without storage.</summary>
public static class ClusterBenchmark
{
    /// <summary>Clusters all but the last <paramref name="arrivals"/> files twice, then all of them, to see how many stories the arrivals move.</summary>
    public static async Task RunAsync(string connectionString, List<(string Name, byte[] Content)> files, int arrivals)
    {
        await using var pipeline = (ServiceProvider)await BenchPipeline.CreateAsync(connectionString, "cluster");
        var parser = pipeline.GetRequiredService<ArticleParser>();
        var options = pipeline.GetRequiredService<IOptions<StoryOptions>>().Value;
        var now = DateTimeOffset.UtcNow;
        var parsed = files
            .Select((f, i) => (File: i, Article: parser.Parse(f.Content, f.Name).Article!))
            .Select(a => (a.File, Summary: ArticleSummary.From(a.Article, now, TextSketch.Encode(TextSketch.Compute(TextSketch.TextOf(a.Article))))))
            .DistinctBy(a => a.Summary.Id)
            .ToList();
        var summaries = parsed.Select(a => a.Summary).ToList();
        var earlier = parsed.Where(a => a.File < files.Count - arrivals).Select(a => a.Summary).ToList();
        Console.WriteLine($"\n== Story clustering in memory: {earlier.Count:N0} articles");
        StoryCoverage[] before = [];
        for (var run = 1; run <= 2; run++)
        {
            var measure = new Measurements();
            measure.Start();
            before = Cluster(earlier, options);
            measure.Stop();
            Console.WriteLine($"  run {run}: {measure.Elapsed.TotalSeconds,6:F1} s   {measure.Rate(earlier.Count),8:N0} articles/s   stories {before.Select(c => c.StoryId).Distinct().Count():N0}   peak heap {measure.PeakManagedBytes / 1024 / 1024} MiB   GC pauses {measure.GcPause.TotalSeconds:F1} s");
        }

        // What a rescoring run after new uploads pays for: every earlier article whose story changed is a score write
        // and, when published, a move of its index rows.
        var after = Cluster(summaries, options);
        var moved = Enumerable.Range(0, earlier.Count).Where(i => before[i] != after[i]).ToList();
        Console.WriteLine(
            $"  {summaries.Count - earlier.Count:N0} new articles ({after.Skip(earlier.Count).Select(c => c.StoryId).Distinct().Count():N0} stories) change the story of {moved.Count:N0} earlier articles:" +
            $" {moved.Count(i => before[i].StoryId != after[i].StoryId):N0} another story id, {moved.Count(i => before[i].Articles != after[i].Articles || before[i].Providers != after[i].Providers):N0} another size");
    }

    private static StoryCoverage[] Cluster(List<ArticleSummary> summaries, StoryOptions options)
    {
        var clusterer = new StoryClusterer(options);
        foreach (var summary in summaries)
        {
            clusterer.Add(StoryMembers.From(summary, 40), StoryMembers.RelatedIds(summary), StoryMembers.RelatedProviders(summary));
        }

        return clusterer.Cluster();
    }
}
