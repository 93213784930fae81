using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Domain.Feeds;
using Serverless.Domain.Ingestion;
using Serverless.Domain.Maintenance;
using Serverless.Domain.Stores;
using Serverless.IntegrationTests.Support;

namespace Serverless.IntegrationTests.Maintenance;

/// <summary>Rows stored before the link rule are given the article's own link in bounded, resumable runs.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ArchivePassTests
{
    private const int Articles = 12;
    private readonly AzuriteFixture _azurite;

    public ArchivePassTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task StoredCanonicalLinksAreRewrittenFiveArticlesARunAcrossRestarts()
    {
        var settings = _azurite.IsolatedSettings().ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        settings["Maintenance:ArticlesPerRun"] = "5";
        settings["Feeds:PageCacheSeconds"] = "0";
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var pipeline = await _azurite.CreatePipelineAsync(settings: settings))
        {
            var ingestor = pipeline.GetRequiredService<ArticleIngestor>();
            for (var i = 0; i < Articles; i++)
            {
                var outcome = await ingestor.IngestContentAsync($"{i}.md", Markdown(i), null, CancellationToken.None);
                links[outcome.ArticleId!] = $"http://news.example.com:8080/{i}/?b=2&a=1";
            }

            await pipeline.GetRequiredService<TopicIndexStore>().FlushAsync(CancellationToken.None);
            await StoreAsBeforeTheLinkRuleAsync(pipeline);
        }

        var reads = new List<int>();
        for (var run = 0; run < 5; run++)
        {
            // A new process each run: the pass resumes from its stored cursor.
            await using var pipeline = await _azurite.CreatePipelineAsync(settings: settings);
            var report = await pipeline.GetRequiredService<ArchivePass>().RunAsync(CancellationToken.None);
            // The link step goes first; the story rebuild step after it takes what is left of each run's budget.
            reads.Add(report.Steps.Single(s => s.Cursor.Step == "article-links-1").ReadThisRun);
        }

        Assert.Equal([5, 5, 2, 0, 0], reads);
        await using var after = await _azurite.CreatePipelineAsync(settings: settings);
        var cursor = await after.GetRequiredService<ArchivePassStore>().ReadAsync("article-links-1", CancellationToken.None);
        Assert.True(cursor!.Done);
        Assert.Equal((Articles, Articles), (cursor.Read, cursor.Changed));
        foreach (var (id, link) in links)
        {
            Assert.Equal(link, (await after.GetRequiredService<ArticleStore>().GetSummaryAsync(id, CancellationToken.None))!.Url);
        }

        var (items, _) = await after.GetRequiredService<TopicFeedQuery>().GetPageAsync("ai", 50, null, null, CancellationToken.None);
        Assert.Equal(links.Values.Order(StringComparer.Ordinal), items.Select(i => i.Url).Order(StringComparer.Ordinal));
    }

    /// <summary>What the Articles and TopicIndex rows held before links followed ArticleLink: the canonical identity URL.</summary>
    private static async Task StoreAsBeforeTheLinkRuleAsync(IServiceProvider pipeline)
    {
        foreach (var table in new[] { pipeline.RawArticlesTable(), pipeline.RawIndexTable() })
        {
            await foreach (var entity in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey", "Url"]))
            {
                var canonical = new Uri(entity.GetString("Url")!) is var uri ? $"https://{uri.Host}:{uri.Port}{uri.AbsolutePath.TrimEnd('/')}?a=1&b=2" : null;
                await table.UpdateEntityAsync(new TableEntity(entity.PartitionKey, entity.RowKey) { ["Url"] = canonical }, Azure.ETag.All, TableUpdateMode.Merge);
            }
        }
    }

    private static byte[] Markdown(int i) => Encoding.UTF8.GetBytes(
        $"---\ntitle: Story {i}\nwebUrl: http://news.example.com:8080/{i}/?b=2&a=1&utm_source=feed\nquality: 99\ntopics: [AI]\n---\nBody {i}.\n");
}
