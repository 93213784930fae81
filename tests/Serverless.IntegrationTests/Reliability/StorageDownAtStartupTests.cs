using System.Net;
using System.Text.Json;
using Azure.Storage.Blobs;
using Serverless.Domain.Storage;
using Serverless.IntegrationTests.Support;

namespace Serverless.IntegrationTests.Reliability;

/// <summary>
/// The local host started before storage: it serves HTTP at once, keeps retrying its blob listener, and ingests
/// what is uploaded once storage is up, without a restart.
/// </summary>
[Collection(StandaloneCollection.Name)]
public sealed class StorageDownAtStartupTests
{
    [Fact]
    public async Task HostStartedBeforeStorageIngestsOnceStorageIsUp()
    {
        await using var azurite = new AzuriteInstance();
        await using var host = new LocalHostProcess(new Dictionary<string, string> { [StorageOptions.ConnectionName] = azurite.ConnectionString });
        await host.StartAsync();
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        using (var response = await http.GetAsync("api/ingest/status?blob=a.md"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        await Poll.UntilAsync(
            () => Task.FromResult(host.Output),
            output => output.Contains("The blob listener failed", StringComparison.Ordinal) || output.Contains("The blob listener could not start", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60),
            "the blob listener to report that storage is unreachable");

        await azurite.StartAsync();
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("articles");
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient("a.md").UploadAsync(BinaryData.FromString("---\ntitle: Late storage\nwebUrl: https://example.com/late\n---\n"));

        var status = await Poll.UntilAsync(
            async () =>
            {
                using var response = await http.GetAsync("api/ingest/status?blob=a.md");
                return response.StatusCode == HttpStatusCode.OK
                    ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString()
                    : null;
            },
            s => s == "ingested",
            TimeSpan.FromSeconds(90),
            $"the upload to be ingested once storage is up (host output:\n{host.Output})");
        Assert.Equal("ingested", status);
    }
}
