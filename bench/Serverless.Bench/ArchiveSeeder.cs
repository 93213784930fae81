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
/// stored) and written by the run's own <see cref="RescoreExecutor"/>, which also empties their journal entries. The
/// equivalence tests hold that incremental runs reach the same stories and scores as clustering from scratch, so this
/// is the state a quiet run and a run after new articles meet; on Azurite the take-up itself would take hours at
/// 100,000 (every request filters its whole table), and its cost is measured on its own (the first run after a load).
/// </summary>
public static class ArchiveSeeder
{
    public static async Task SeedAsync(IServiceProvider pipeline, List<(string Name, byte[] Content)> files, DateTimeOffset now)
    {
        var stored = await RescoreBenchmark.LoadAsync(pipeline, files, now);
        var stopwatch = Stopwatch.StartNew();
        var journal = pipeline.GetRequiredService<ChangeJournalStore>();
        var changes = await journal.ReadAsync(null, int.MaxValue, DateTimeOffset.UtcNow.AddHours(1), CancellationToken.None);
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
            Changes = changes,
            Current = current,
            Stories = new Dictionary<string, (StoryHead? Head, List<StoryMemberEntry> Members)>(StringComparer.Ordinal),
            RelatedEntries = related,
            Nodes = new Dictionary<UInt128, string>(),
            Set = set,
            Plan = plan,
        };
        var phases = new List<string>();
        var lapped = TimeSpan.Zero;
        var outcome = await pipeline.GetRequiredService<RescoreExecutor>().ExecuteAsync(slice, now, phase =>
        {
            phases.Add($"{phase} {(stopwatch.Elapsed - lapped).TotalSeconds:F0} s");
            lapped = stopwatch.Elapsed;
        }, CancellationToken.None);
        var left = await journal.CountAsync(CancellationToken.None);
        Console.WriteLine(
            $"  took up the archive as one slice in {stopwatch.Elapsed.TotalSeconds:F0} s (planned in {planned.TotalSeconds:F0} s: {plan.Stories.Count:N0} stories; " +
            $"{string.Join(", ", phases)}): {outcome.ArticlesChanged:N0} scores, {outcome.IndexRowsWritten:N0} index rows, {outcome.StoryRowsWritten:N0} story rows, {left:N0} journal entries left");
        if (left > 0)
        {
            throw new InvalidOperationException($"{left} journal entries are left after taking up the archive.");
        }
    }
}
