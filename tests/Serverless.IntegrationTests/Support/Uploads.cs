using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Domain.Ingestion;
using Serverless.Domain.Storage;

namespace Serverless.IntegrationTests.Support;

/// <summary>Files in the articles container, ingested as the trigger ingests them, and every row of the pipeline's tables.</summary>
public static class Uploads
{
    public static BlobContainerClient Container(IServiceProvider pipeline) =>
        pipeline.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(pipeline.GetRequiredService<IOptions<StorageOptions>>().Value.ArticlesContainer);

    /// <summary>Uploads <paramref name="text"/> as <paramref name="name"/> and ingests it; returns the outcome.</summary>
    public static async Task<IngestOutcome> IngestAsync(IServiceProvider pipeline, string name, string text)
    {
        var blob = Container(pipeline).GetBlobClient(name);
        await blob.UploadAsync(BinaryData.FromString(text), overwrite: true);
        var outcome = await pipeline.GetRequiredService<ArticleIngestor>().IngestAsync(blob, CancellationToken.None);
        await pipeline.GetRequiredService<IngestStatusStore>().FlushAsync(CancellationToken.None);
        return outcome;
    }

    /// <summary>A small front-matter article at https://example.com/{slug}.</summary>
    public static string Article(string slug, string title, string published = "2023-08-01T09:00:00Z", params string[] related) =>
        $"---\ntitle: \"{title}\"\nwebUrl: https://example.com/{slug}\npublishedDateTime: {published}\nquality: 80\ntopics: [AI]\n" +
        (related.Length == 0 ? string.Empty : "related:\n" + string.Concat(related.Select(r => $"  - webUrl: https://example.com/{r}\n"))) + "---\nBody of " + title + ".\n";

    /// <summary>The stored summary of an article (tombstones and taken-down articles included).</summary>
    public static async Task<Serverless.Domain.Articles.ArticleSummary> SummaryAsync(IServiceProvider pipeline, string id) =>
        (await pipeline.GetRequiredService<Serverless.Domain.Stores.ArticleStore>().GetSummaryAsync(id, CancellationToken.None))!;

    public static async Task<IngestStatus> StatusAsync(IServiceProvider pipeline, string name) =>
        (await pipeline.GetRequiredService<IngestStatusQuery>().GetAsync(name, CancellationToken.None))!;

    /// <summary>Every row of the Articles, TopicIndex, Stories and TopicStats tables, keyed by table and keys, with its columns but not its version.</summary>
    public static async Task<Dictionary<(string Table, string Partition, string Row), string>> SnapshotAsync(IServiceProvider pipeline)
    {
        var snapshot = new Dictionary<(string, string, string), string>();
        foreach (var (table, name) in new (string, Func<StorageOptions, string>)[] { ("Articles", o => o.ArticlesTable), ("TopicIndex", o => o.TopicIndexTable), ("Stories", o => o.StoriesTable), ("TopicStats", o => o.TopicStatsTable) })
        {
            await foreach (var row in pipeline.RawTable(name).QueryAsync<TableEntity>())
            {
                var columns = row.Where(c => c.Key is not ("Timestamp" or "odata.etag" or "PartitionKey" or "RowKey")).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}");
                snapshot[(table, row.PartitionKey, row.RowKey)] = string.Join('|', columns);
            }
        }

        return snapshot;
    }
}
