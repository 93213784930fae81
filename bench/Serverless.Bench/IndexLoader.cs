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
        var stats = new Dictionary<string, TopicStats>(StringComparer.Ordinal);
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

            var count = stats.TryGetValue(topic, out var existing) ? existing.Articles : 0;
            stats[topic] = new TopicStats(topic, taxonomy.Find(topic)!.Name, "ai", count + 1, baseHeat, summary.EffectivePublished);
        }

        await index.UpsertRowsAsync(rows, CancellationToken.None);
        await pipeline.GetRequiredService<TopicStatsStore>().WriteChangedAsync(stats, new Dictionary<string, TopicStats>(), DateTimeOffset.MaxValue, CancellationToken.None);
        return pipeline;
    }
}
