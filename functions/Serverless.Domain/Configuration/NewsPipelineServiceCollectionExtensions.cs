using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serverless.Domain.Ingestion;
using Serverless.Domain.Parsing;
using Serverless.Domain.Storage;
using Serverless.Domain.Telemetry;

namespace Serverless.Domain.Configuration;

/// <summary>Registers the pipeline's services; the function app and the local host call this one method.</summary>
public static class NewsPipelineServiceCollectionExtensions
{
    public static IServiceCollection AddNewsPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        // Container and table names are flat app settings because binding expressions (%ArticlesContainer%) read them.
        services.AddOptions<StorageOptions>().Bind(configuration).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IngestionOptions>().Bind(configuration.GetSection(IngestionOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ArticleParserOptions>().Bind(configuration.GetSection(ArticleParserOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<PipelineMetrics>();

        var clients = new StorageClientFactory(configuration);
        services.TryAddSingleton<BlobServiceClient>(_ => clients.CreateBlobServiceClient());
        services.TryAddSingleton<TableServiceClient>(_ => clients.CreateTableServiceClient());

        services.TryAddSingleton<ArticleParser>();
        services.TryAddSingleton<ArticleStore>();
        services.TryAddSingleton<IngestStatusStore>();
        services.TryAddSingleton<IngestStatusQuery>();
        services.TryAddSingleton<IArticleIndexer, PassThroughIndexer>();
        services.TryAddSingleton<ArticleIngestor>();
        services.TryAddSingleton<StorageInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<StorageInitializer>());
        return services;
    }
}
