using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Domain.Ingestion;
using Serverless.Domain.Stores;

namespace Serverless.IntegrationTests.Support;

/// <summary>Small articles for story tests: ingested with a related list, or removed as a retraction will remove them.</summary>
public static class StoryArticles
{
    /// <summary>Ingests an article at https://example.com/{name} whose related list names the other names' URLs; returns its id.</summary>
    public static Task<string> IngestAsync(IServiceProvider pipeline, string name, string title, string published, params string[] related) =>
        IngestFromAsync(pipeline, "example.com", name, title, published, related);

    /// <summary>As <see cref="IngestAsync"/>, published by another outlet: at https://{host}/{name}.</summary>
    public static async Task<string> IngestFromAsync(IServiceProvider pipeline, string host, string name, string title, string published, params string[] related)
    {
        var text = new StringBuilder($"---\ntitle: \"{title}\"\nwebUrl: https://{host}/{name}\npublishedDateTime: {published}\nquality: 90\ntopics: [AI]\n");
        if (related.Length > 0)
        {
            text.Append("related:\n");
            foreach (var other in related)
            {
                text.Append($"  - webUrl: https://example.com/{other}\n");
            }
        }

        text.Append("---\n");
        var outcome = await pipeline.GetRequiredService<ArticleIngestor>().IngestContentAsync($"{name}.md", Encoding.UTF8.GetBytes(text.ToString()), null, CancellationToken.None);
        Assert.Equal(IngestState.Ingested, outcome.State);
        return outcome.ArticleId!;
    }

    /// <summary>What a retraction will do: the article's row goes, and its change is journaled with the rows it had.</summary>
    public static async Task RemoveAsync(IServiceProvider pipeline, string articleId)
    {
        var summary = (await pipeline.GetRequiredService<ArticleStore>().GetSummaryAsync(articleId, CancellationToken.None))!;
        var rows = pipeline.GetRequiredService<TopicIndexStore>().RowsFor(summary.Id, summary.Score, summary.EffectivePublished);
        await pipeline.GetRequiredService<ChangeJournalStore>().RecordAsync(articleId, summary.EffectivePublished, summary.Version, rows, CancellationToken.None);
        await pipeline.RawArticlesTable().DeleteEntityAsync(ArticleEntityCodec.PartitionKeyOf(articleId), articleId);
    }
}
