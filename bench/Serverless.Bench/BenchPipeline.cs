using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Domain.Configuration;
using Serverless.Domain.Storage;

namespace Serverless.Bench;

/// <summary>The pipeline's own services on fresh, uniquely named tables, as the function app wires them.</summary>
public static class BenchPipeline
{
    /// <param name="connectionString">The storage account.</param>
    /// <param name="label">Starts the tables' names.</param>
    /// <param name="suffix">Ends them (default: the time): a second process given the same suffix works on the same tables.</param>
    /// <param name="configure">Services registered before the pipeline's, which then keeps them (a counted storage client).</param>
    public static async Task<ServiceProvider> CreateAsync(string connectionString, string label, string? suffix = null, Action<IServiceCollection>? configure = null)
    {
        suffix = label + (suffix ?? DateTime.UtcNow.ToString("HHmmssfff", System.Globalization.CultureInfo.InvariantCulture));
        var settings = new Dictionary<string, string?>
        {
            [StorageOptions.ConnectionName] = connectionString,
            ["ArticlesContainer"] = $"bench-articles-{suffix}".ToLowerInvariant(),
            ["DocumentsContainer"] = $"bench-docs-{suffix}".ToLowerInvariant(),
            ["ArticlesTable"] = $"BenchArticles{suffix}",
            ["IngestStatusTable"] = $"BenchStatus{suffix}",
            ["TopicIndexTable"] = $"BenchIndex{suffix}",
            ["TopicStatsTable"] = $"BenchStats{suffix}",
            ["MaintenanceTable"] = $"BenchMaint{suffix}",
            ["StoriesTable"] = $"BenchStory{suffix}",
            ["ChangesTable"] = $"BenchChanges{suffix}",
            ["AuditTable"] = $"BenchAudit{suffix}",
            // Tests and the bench write synchronously: a run takes journal entries at once.
            ["Rescore:SettleSeconds"] = "0",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        configure?.Invoke(services);
        var provider = services
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddNewsPipeline(configuration)
            .BuildServiceProvider();
        await provider.GetRequiredService<StorageInitializer>().EnsureCreatedAsync(CancellationToken.None);
        return provider;
    }

    /// <summary>Deletes the pipeline's tables and containers: Azurite holds them in memory, and later sizes need it.</summary>
    public static async Task DeleteStorageAsync(this IServiceProvider pipeline)
    {
        var options = pipeline.GetRequiredService<IOptions<StorageOptions>>().Value;
        var tables = pipeline.GetRequiredService<TableServiceClient>();
        foreach (var table in new[] { options.ArticlesTable, options.IngestStatusTable, options.TopicIndexTable, options.TopicStatsTable, options.MaintenanceTable, options.StoriesTable, options.ChangesTable, options.AuditTable })
        {
            await tables.DeleteTableAsync(table);
        }

        var blobs = pipeline.GetRequiredService<BlobServiceClient>();
        foreach (var container in new[] { options.ArticlesContainer, options.DocumentsContainer })
        {
            await blobs.DeleteBlobContainerAsync(container);
        }
    }

    /// <summary>One of the pipeline's tables, read or written raw: the bench measures the storage beside the stores.</summary>
    public static TableClient RawTable(this IServiceProvider pipeline, Func<StorageOptions, string> name) =>
        pipeline.GetRequiredService<TableServiceClient>().GetTableClient(name(pipeline.GetRequiredService<IOptions<StorageOptions>>().Value));
}
