using Microsoft.Extensions.DependencyInjection;
using Serverless.Domain.Articles;
using Serverless.Domain.Parsing;
using Serverless.Domain.Stores;
using Serverless.Domain.Topics;

namespace Serverless.Bench;

/// <summary>
/// Loads the topic index directly (rows as rescoring writes them, 100 per transaction per topic partition) so the feed
/// benchmark can run at 100,000 articles without first pushing every article through Azurite one request at a time.
/// </summary>
public static class IndexLoader
{
    public static async Task<IServiceProvider> LoadAsync(string connectionString, List<(string Name, byte[] Content)> files)
    {
        var pipeline = await BenchPipeline.CreateAsync(connectionString, "feeds");
        var parser = pipeline.GetRequiredService<ArticleParser>();
        var index = pipeline.GetRequiredService<TopicIndexStore>();
        var taxonomy = pipeline.GetRequiredService<TopicTaxonomy>();
        var topics = taxonomy.Topics.Where(t => t.Id != "ai").Select(t => t.Id).Take(20).ToList();
        var now = DateTimeOffset.UtcNow;
        var rows = new List<(TopicIndexRow Row, ArticleSummary Summary)>(files.Count);
        var counts = new List<TopicCount>(files.Count);
        for (var i = 0; i < files.Count; i++)
        {
            var article = parser.Parse(files[i].Content, files[i].Name).Article!;
            var topic = topics[i % topics.Count];
            var baseHeat = 70 + (i % 97);
            var score = new ArticleScore(article.Id, 1 + (i % 7), 1 + (i % 5), baseHeat, true, [topic]);
            var summary = ArticleSummary.From(article, now) with { Score = score };
            foreach (var row in index.RowsFor(summary.Id, score, summary.EffectivePublished))
            {
                rows.Add((row, summary));
            }

            counts.Add(new TopicCount(article.Id, [topic], Published: true));
        }

        await index.UpsertRowsAsync(rows, CancellationToken.None);
        // The counts as a run leaves them (ledger rows and counts), and each topic's hottest row.
        var stats = pipeline.GetRequiredService<TopicStatsStore>();
        await stats.ApplyCountsAsync(counts, topics.ToDictionary(t => t, _ => (string?)"ai", StringComparer.Ordinal), DateTimeOffset.MinValue, CancellationToken.None);
        var hottest = rows.GroupBy(r => r.Row.TopicId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Row.RowKey, StringComparer.Ordinal).Select(r => (r.Summary.Score!.BaseHeat, (DateTimeOffset?)r.Summary.EffectivePublished)).First(), StringComparer.Ordinal);
        await stats.WriteHottestAsync(hottest, CancellationToken.None);
        return pipeline;
    }
}
