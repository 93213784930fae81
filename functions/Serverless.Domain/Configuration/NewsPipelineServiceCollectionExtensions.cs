using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Serverless.Domain.Feeds;
using Serverless.Domain.Ingestion;
using Serverless.Domain.Maintenance;
using Serverless.Domain.Parsing;
using Serverless.Domain.Rescoring;
using Serverless.Domain.Scoring;
using Serverless.Domain.Storage;
using Serverless.Domain.Stores;
using Serverless.Domain.Withdrawals;
using Serverless.Domain.Telemetry;
using Serverless.Domain.Topics;

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
        services.AddSingleton<IStorageSchema>(sp => sp.GetRequiredService<ArticleStore>());
        services.TryAddSingleton<IngestStatusStore>();
        services.AddSingleton<IStorageSchema>(sp => sp.GetRequiredService<IngestStatusStore>());
        services.TryAddSingleton<UploadStore>();
        services.AddSingleton<IStorageSchema>(sp => sp.GetRequiredService<UploadStore>());
        services.TryAddSingleton<IngestStatusQuery>();
        services.AddOptions<TopicOptions>().Bind(configuration.GetSection(TopicOptions.SectionName));
        services.AddOptions<HeatOptions>().Bind(configuration.GetSection(HeatOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StoryOptions>().Bind(configuration.GetSection(StoryOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RescoreOptions>().Bind(configuration.GetSection(RescoreOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(sp => TopicTaxonomy.Load(sp.GetRequiredService<IOptions<TopicOptions>>()));
        services.TryAddSingleton<HeatScorer>();
        services.TryAddSingleton<TopicIndexStore>();
        services.AddSingleton<IStorageSchema>(sp => sp.GetRequiredService<TopicIndexStore>());
        services.TryAddSingleton<TopicStatsStore>();
        services.AddSingleton<IStorageSchema>(sp => sp.GetRequiredService<TopicStatsStore>());
        services.TryAddSingleton<ArticleIndexer>();
        services.TryAddSingleton<IArticleIndexer>(sp => sp.GetRequiredService<ArticleIndexer>());
        services.TryAddSingleton<ChangeJournalStore>();
        services.AddSingleton<IStorageSchema>(sp => sp.GetRequiredService<ChangeJournalStore>());
        services.TryAddSingleton<AuditStore>();
        services.TryAddSingleton<ArticleWithdrawer>();
        services.TryAddSingleton<BlobRetractions>();
        services.TryAddSingleton<EditorWithdrawals>();
        services.TryAddSingleton<UploadReconciler>();
        services.AddSingleton<IStorageSchema>(sp => sp.GetRequiredService<AuditStore>());
        services.TryAddSingleton<StoryStore>();
        services.AddSingleton<IStorageSchema>(sp => sp.GetRequiredService<StoryStore>());
        services.TryAddSingleton<StoryWriter>();
        services.TryAddSingleton<RescoreLoader>();
        services.TryAddSingleton<RescoreExecutor>();
        services.TryAddSingleton<SetAsideRecorder>();
        services.TryAddSingleton<RescoreRunner>();
        services.AddOptions<FeedOptions>().Bind(configuration.GetSection(FeedOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<FeedCursor>();
        services.TryAddSingleton<FeedCacheInvalidator>();
        services.TryAddSingleton<TopicFeedQuery>();
        services.TryAddSingleton<TopicFeedService>();
        services.TryAddSingleton<FrontPageQuery>();
        services.TryAddSingleton<StoryPageService>();
        services.TryAddSingleton<ArticleIngestor>();
        services.TryAddSingleton<UploadWalk>();
        services.TryAddSingleton<PendingUploadRecovery>();
        services.AddOptions<ArchivePassOptions>().Bind(configuration.GetSection(ArchivePassOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ArchivePassStore>();
        services.AddSingleton<IStorageSchema>(sp => sp.GetRequiredService<ArchivePassStore>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IArchiveStep, ArticleLinkStep>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IArchiveStep, StoryRebuildStep>());
        services.TryAddSingleton<ArchivePass>();
        services.TryAddSingleton<StorageInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<StorageInitializer>());
        return services;
    }
}
