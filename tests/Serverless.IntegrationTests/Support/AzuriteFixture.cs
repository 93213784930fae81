using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Serverless.Domain.Configuration;
using Serverless.Domain.Storage;

namespace Serverless.IntegrationTests.Support;

/// <summary>One in-memory Azurite shared by a test collection; each test isolates itself with its own table and container names.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public AzuriteInstance Azurite { get; } = new();

    public string ConnectionString => Azurite.ConnectionString;

    public Task InitializeAsync() => Azurite.StartAsync();

    public Task DisposeAsync() => Azurite.StopAsync();

    /// <summary>Settings naming this Azurite and tables and containers unique to one test, so tests never see each other's data.</summary>
    public Dictionary<string, string> IsolatedSettings()
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        return new Dictionary<string, string>
        {
            [StorageOptions.ConnectionName] = ConnectionString,
            ["ArticlesContainer"] = $"articles-{suffix}",
            ["DocumentsContainer"] = $"docs-{suffix}",
            ["ArticlesTable"] = $"Articles{suffix}",
            ["IngestStatusTable"] = $"Status{suffix}",
            ["TopicIndexTable"] = $"TopicIndex{suffix}",
            ["TopicStatsTable"] = $"TopicStats{suffix}",
            ["MaintenanceTable"] = $"Maintenance{suffix}",
            ["StoriesTable"] = $"Stories{suffix}",
            ["ChangesTable"] = $"Changes{suffix}",
            ["AuditTable"] = $"Audit{suffix}",
            // Tests and the bench write synchronously: a run takes journal entries at once.
            ["Rescore:SettleSeconds"] = "0",
        };
    }

    /// <summary>
    /// The pipeline's services wired to this Azurite with names unique to one test (so tests never see each
    /// other's data), the tables and containers created.
    /// </summary>
    public async Task<ServiceProvider> CreatePipelineAsync(Action<IServiceCollection>? configure = null, IDictionary<string, string?>? settings = null)
    {
        var values = IsolatedSettings().ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddNewsPipeline(configuration);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await provider.GetRequiredService<StorageInitializer>().EnsureCreatedAsync(CancellationToken.None);
        return provider;
    }

    /// <summary>
    /// A second pipeline on the same tables as <paramref name="healthy"/> whose table requests pass through
    /// <paramref name="policy"/> (a storage failure on cue), without retries.
    /// </summary>
    public async Task<ServiceProvider> CreateSamePipelineWithTablePolicyAsync(IServiceProvider healthy, HttpPipelinePolicy policy, Action<IServiceCollection>? configure = null)
    {
        var settings = healthy.GetRequiredService<IConfiguration>().AsEnumerable().ToDictionary(kv => kv.Key, kv => kv.Value);
        return await CreatePipelineAsync(
            services =>
            {
                configure?.Invoke(services);
                services.Replace(ServiceDescriptor.Singleton(_ =>
                {
                    var options = new TableClientOptions();
                    options.AddPolicy(policy, HttpPipelinePosition.PerCall);
                    options.Retry.MaxRetries = 0;
                    return new TableServiceClient(ConnectionString, options);
                }));
            },
            settings);
    }
}
