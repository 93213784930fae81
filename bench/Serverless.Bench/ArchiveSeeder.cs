using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Domain.Articles;
using Serverless.Domain.Rescoring;
using Serverless.Domain.Scoring;
using Serverless.Domain.Stores;
using Serverless.Domain.Topics;

namespace Serverless.Bench;

/// <summary>
/// Writes an archive as the runs that take up its bulk load leave it, without those runs: the articles are loaded as
/// ingests leave them, then planned as one slice in memory (the run's own <see cref="StoryPlanner"/>, from nothing
/// stored) and written by the run's own <see cref="RescoreExecutor"/> (no journal entries: nothing is left to take up). The
/// equivalence tests hold that incremental runs reach the same stories and scores as clustering from scratch, so this
/// is the state a quiet run and a run after new articles meet; on Azurite the take-up itself would take hours at
/// 100,000 (every request filters its whole table), and its cost is measured on its own (the first run after a load).
/// </summary>
public static class ArchiveSeeder
{
    public static async Task SeedAsync(IServiceProvider pipeline, List<(string Name, byte[] Content)> files, DateTimeOffset now)
    {
        // No journal entries: the slice is planned from the articles themselves, and a run would remove them anyway.
        var stored = await RescoreBenchmark.LoadAsync(pipeline, files, now, journal: false);
        var stopwatch = Stopwatch.StartNew();
        var taxonomy = pipeline.GetRequiredService<TopicTaxonomy>();
        var scorer = pipeline.GetRequiredService<HeatScorer>();
        var current = stored.ToDictionary(a => a.Summary.Id, StringComparer.Ordinal);
        var records = current.Values.ToDictionary(a => a.Summary.Id, a => ScoringRecord.From(a.Summary, taxonomy, scorer.Options.DefaultQuality), StringComparer.Ordinal);
        var related = new Dictionary<UInt128, RelatedArticle>();
        foreach (var entry in stored.SelectMany(a => a.Article.Related))
        {
            if (UrlCanonicalizer.Canonicalize(entry.WebUrl) is { } canonical)
            {
                related.TryAdd(StoryIds.Parse(ArticleIdentity.FromCanonicalUrl(canonical)), entry);
            }
        }

        var set = RescoreLoader.BuildWorkingSet(
            records,
            new Dictionary<UInt128, string>(),
            new Dictionary<string, (StoryHead? Head, List<StoryMemberEntry> Members)>(StringComparer.Ordinal),
            [],
            new Dictionary<string, string?>(StringComparer.Ordinal),
            new Dictionary<string, string?>(StringComparer.Ordinal),
            new HashSet<string>(StringComparer.Ordinal));
        var plan = StoryPlanner.Plan(set, pipeline.GetRequiredService<IOptions<StoryOptions>>().Value);
        var planned = stopwatch.Elapsed;
        var slice = new RescoreSlice
        {
            Changes = [],
            Current = current,
            Stories = new Dictionary<string, (StoryHead? Head, List<StoryMemberEntry> Members)>(StringComparer.Ordinal),
            RelatedEntries = related,
            Nodes = new Dictionary<UInt128, string>(),
            Set = set,
            Plan = plan,
        };
        Console.WriteLine($"  taking up the archive as one slice: planned {plan.Stories.Count:N0} stories in {planned.TotalSeconds:F0} s; writing it as a run does (scores, index rows, stories, counts)");
        var lapped = TimeSpan.Zero;
        var outcome = await pipeline.GetRequiredService<RescoreExecutor>().ExecuteAsync(slice, now, phase =>
        {
            Console.WriteLine($"    {phase,-12} {(stopwatch.Elapsed - lapped).TotalSeconds,6:F0} s");
            lapped = stopwatch.Elapsed;
        }, CancellationToken.None);
        Console.WriteLine($"  took up the archive in {stopwatch.Elapsed.TotalSeconds:F0} s: {outcome.ArticlesChanged:N0} scores, {outcome.IndexRowsWritten:N0} index rows, {outcome.StoryRowsWritten:N0} story rows");
    }
}
