using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serverless.Domain.Configuration;
using Serverless.Domain.Articles;
using Serverless.Domain.Ingestion;
using Serverless.Domain.Rescoring;
using Serverless.Domain.Storage;
using Serverless.Domain.Stores;
using Serverless.IntegrationTests.Support;
using Xunit.Abstractions;

namespace Serverless.IntegrationTests.Reliability;

/// <summary>
/// The real stack under faults: 1,000 uploads, Azurite stopped and started again (its data kept) in the middle of
/// ingesting them and of a rescoring run, and the local host killed and restarted. Afterwards every blob is ingested
/// or rejected, none pending, none duplicated, and the topic index is what a clean run computes.
/// </summary>
[Collection(StandaloneCollection.Name)]
public sealed class FaultToleranceTests : IAsyncLifetime
{
    private const int Uploads = 1_000;
    private readonly ITestOutputHelper _output;
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("azurite-faults-");
    private readonly AzuriteInstance _azurite;

    public FaultToleranceTests(ITestOutputHelper output)
    {
        _output = output;
        _azurite = new AzuriteInstance(_data.FullName);
    }

    public Task InitializeAsync() => _azurite.StartAsync();

    public async Task DisposeAsync()
    {
        await _azurite.DisposeAsync();
        _data.Delete(recursive: true);
    }

    [Fact]
    public async Task NothingIsLostWhenStorageAndHostFailMidway()
    {
        var settings = new Dictionary<string, string> { [StorageOptions.ConnectionName] = _azurite.ConnectionString };
        await using var host = new LocalHostProcess(settings);
        await host.StartAsync();
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var container = new BlobServiceClient(_azurite.ConnectionString).GetBlobContainerClient("articles");
        await container.CreateIfNotExistsAsync();
        var names = Enumerable.Range(0, Uploads).Select(i => $"load/{i / 100:D2}/{i:D4}.md").ToList();

        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (name, ct) =>
            await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(Article(name)), overwrite: true, ct));
        var started = DateTime.UtcNow;

        // Storage goes away while the host is ingesting, then comes back with its data.
        // Sampled across all uploads: the listener does not take them in name order, and on a busy machine it is slow.
        await Poll.UntilAsync(() => CountFinalAsync(http, names.Where((_, i) => i % 5 == 0)), done => done >= 20, TimeSpan.FromSeconds(120), "ingestion to start");
        await _azurite.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(3)); // the outage itself, not a synchronisation
        await _azurite.StartAsync();
        _output.WriteLine($"storage outage survived at {(DateTime.UtcNow - started).TotalSeconds:F1} s");

        // The host dies mid-way and is started again.
        await host.StopAsync();
        await host.StartAsync();
        _output.WriteLine($"host restarted at {(DateTime.UtcNow - started).TotalSeconds:F1} s");

        await using var pipeline = Pipeline();
        // A rescoring run killed by a storage outage, then the backstop for uploads whose retries were used up.
        var rescore = pipeline.GetRequiredService<RescoreRunner>().RunAsync(CancellationToken.None);
        await _azurite.StopAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => rescore);
        await _azurite.StartAsync();

        int final;
        try
        {
            final = await Poll.UntilAsync(
            async () =>
            {
                await pipeline.GetRequiredService<PendingUploadRecovery>().RecoverAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
                return await CountFinalAsync(http, names);
            },
            done => done == Uploads,
            TimeSpan.FromSeconds(240),
            "every upload to be ingested or rejected");
        }
        catch (TimeoutException)
        {
            _output.WriteLine($"host running: {host.IsRunning}");
            try
            {
                using var probe = await http.GetAsync($"api/ingest/status?blob={Uri.EscapeDataString(names[0])}");
                _output.WriteLine($"probe: {(int)probe.StatusCode} {await probe.Content.ReadAsStringAsync()}");
            }
            catch (Exception e)
            {
                _output.WriteLine($"probe failed: {e}");
            }

            _output.WriteLine(host.OutputTail(20_000));
            throw;
        }
        _output.WriteLine($"all {final} uploads final at {(DateTime.UtcNow - started).TotalSeconds:F1} s");
        foreach (var line in host.Output.Split('\n').Where(l => l.Contains("listener", StringComparison.OrdinalIgnoreCase)))
        {
            _output.WriteLine($"host: {line}");
        }

        // Quiesce: with no ingest running beside it, one clean run must leave the index exactly as the scores say.
        await host.StopAsync();
        var articles = pipeline.GetRequiredService<ArticleStore>();
        var stored = await articles.GetSummariesAsync().CountAsync();
        Assert.Equal(Uploads - (Uploads / 10), stored); // every tenth upload is malformed by design
        await pipeline.GetRequiredService<RescoreRunner>().RunAsync(CancellationToken.None);
        await IndexAssertions.AssertIndexMatchesScoresAsync(pipeline);
    }

    private static string Article(string name)
    {
        var i = int.Parse(name[^7..^3], System.Globalization.CultureInfo.InvariantCulture);
        return i % 10 == 9
            ? $"---\ntitle: Broken {i}\nquality: not-a-number\n---\n"
            : $"---\ntitle: \"Load article {i}\"\nwebUrl: https://load.example.com/{i}\npublishedDateTime: 2026-11-2{i % 5}T10:00:00Z\nquality: {60 + (i % 40)}\ntopics: [AI, {(i % 2 == 0 ? "AI Hardware" : "AI Ethics")}]\nrelated:\n  - title: Story {i % 50}\n    webUrl: https://story.example.com/{i % 50}\n---\n";
    }

    private static async Task<int> CountFinalAsync(HttpClient http, IEnumerable<string> names)
    {
        var final = 0;
        foreach (var chunk in names.Chunk(50))
        {
            var statuses = await Task.WhenAll(chunk.Select(async name =>
            {
                try
                {
                    using var response = await http.GetAsync($"api/ingest/status?blob={Uri.EscapeDataString(name)}");
                    return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString() : null;
                }
                catch (HttpRequestException)
                {
                    return null;
                }
                catch (TaskCanceledException)
                {
                    return null;
                }
            }));
            final += statuses.Count(s => s is "ingested" or "rejected");
        }

        return final;
    }

    private ServiceProvider Pipeline()
    {
        // Runs here start once the host is stopped or dying: nothing writes behind them, so they take entries at once.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageOptions.ConnectionName] = _azurite.ConnectionString,
            ["Rescore:SettleSeconds"] = "0",
        }).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddNewsPipeline(configuration)
            .BuildServiceProvider();
    }
}
