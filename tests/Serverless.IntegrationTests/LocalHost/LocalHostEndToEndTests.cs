using System.Net;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serverless.Domain.Configuration;
using Serverless.Domain.Stores;
using Serverless.IntegrationTests.Support;
using Serverless.LocalHost.Catalog;

namespace Serverless.IntegrationTests.LocalHost;

/// <summary>Azurite plus the local host process: upload a file, watch its status over HTTP, read the stored article.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class LocalHostEndToEndTests : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite;
    private readonly Dictionary<string, string> _settings;
    private readonly LocalHostProcess _host;
    private readonly HttpClient _http;

    public LocalHostEndToEndTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
        _settings = azurite.IsolatedSettings();
        _host = new LocalHostProcess(_settings);
        _http = new HttpClient { BaseAddress = _host.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
    }

    public Task InitializeAsync() => _host.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task UploadedArticleIsIngestedAndStored()
    {
        const string blobName = "2023/07/netflix.md";
        await Container().GetBlobClient(blobName).UploadAsync(BinaryData.FromString("""
            ---
            title: "Netflix lists $900,000 AI job"
            webUrl: "https://www.engadget.com/netflix-lists-900000-ai-job.html?utm_source=feed"
            publishedDateTime: 2023-07-25T19:06:00Z
            quality: 47
            provider:
              name: Engadget
              domain: engadget.com
            topics:
              - AI
            ---
            """));

        var status = await WaitForFinalStatusAsync(blobName);

        Assert.Equal("ingested", status.GetProperty("status").GetString());
        Assert.Equal(blobName, status.GetProperty("blob").GetString());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("error").ValueKind);
        var articleId = status.GetProperty("articleId").GetString()!;
        await using var pipeline = Pipeline();
        var stored = await pipeline.GetRequiredService<ArticleStore>().GetAsync(articleId, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal("Netflix lists $900,000 AI job", stored.Article.Title);
        Assert.Equal("https://www.engadget.com/netflix-lists-900000-ai-job.html", stored.Article.CanonicalUrl);
        Assert.Equal(47, stored.Article.Quality);
        Assert.Equal("Engadget", stored.Article.Provider!.Name);
    }

    [Fact]
    public async Task MalformedUploadIsRejectedWithItsReasonAndKept()
    {
        const string blobName = "bad/quality.txt";
        var blob = Container().GetBlobClient(blobName);
        await blob.UploadAsync(BinaryData.FromString("---\ntitle: Broken\nquality: high\n---\n"));

        var status = await WaitForFinalStatusAsync(blobName);

        Assert.Equal("rejected", status.GetProperty("status").GetString());
        Assert.Contains("quality must be a number", status.GetProperty("error").GetString());
        Assert.Equal(3, status.GetProperty("line").GetInt32());
        Assert.True(await blob.ExistsAsync());
    }

    [Fact]
    public async Task StatusOfAnUnknownBlobIsProblemJson404()
    {
        using var response = await _http.GetAsync("api/ingest/status?blob=never-uploaded.md");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Contains("never-uploaded.md", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task EveryFunctionIsServedByTheLocalHost()
    {
        var banner = _host.Output[_host.Output.IndexOf("Functions:", StringComparison.Ordinal)..];
        foreach (var function in FunctionCatalog.ForFunctionApp().Functions)
        {
            Assert.Contains($"{function.Name}: ", banner);
        }

        // The blob listener's job host starts beside the HTTP side, so its indexing may finish after the banner.
        var output = await Poll.UntilAsync(
            () => Task.FromResult(_host.Output),
            o => o.Contains("Found the following functions", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            "the blob listener to index its functions");
        Assert.Contains("Serverless.LocalHost.Generated.IngestArticle.Run", output);
    }

    private async Task<JsonElement> WaitForFinalStatusAsync(string blobName) =>
        await Poll.UntilAsync(
            async () =>
            {
                using var response = await _http.GetAsync($"api/ingest/status?blob={Uri.EscapeDataString(blobName)}");
                return response.StatusCode == HttpStatusCode.OK
                    ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone()
                    : default;
            },
            status => status.ValueKind == JsonValueKind.Object && status.GetProperty("status").GetString() is "ingested" or "rejected",
            TimeSpan.FromSeconds(30),
            $"{blobName} to be processed (host output:\n{_host.Output})");

    private BlobContainerClient Container()
    {
        var container = new BlobServiceClient(_azurite.ConnectionString).GetBlobContainerClient(_settings["ArticlesContainer"]);
        container.CreateIfNotExists();
        return container;
    }

    private ServiceProvider Pipeline()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_settings.Select(kv => KeyValuePair.Create(kv.Key, (string?)kv.Value))).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddNewsPipeline(configuration)
            .BuildServiceProvider();
    }
}
