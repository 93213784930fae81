using System.Net;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Serverless.Domain.Articles;
using Serverless.IntegrationTests.Support;
using Serverless.Upload;

namespace Serverless.IntegrationTests.LocalHost;

/// <summary>
/// How uploads reach IngestArticle (Event Grid source) through the local host, as under <c>func start</c>: the
/// upload tool's BlobCreated event on the blob webhook, and, for a blob no event announced, the recovery timer (or the
/// local host's own polling listener, its extra safety net). Hosts run with polling off where a test must show which
/// path did the work, so no other path can have done it.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobWebhookEndToEndTests : IAsyncLifetime
{
    private const string FunctionKey = "webhook-test-key";

    private readonly AzuriteFixture _azurite;
    private readonly Dictionary<string, string> _settings;
    private readonly List<LocalHostProcess> _hosts = [];
    private readonly string _workFolder = Path.Combine(Path.GetTempPath(), "webhook-" + Guid.NewGuid().ToString("N")[..8]);

    public BlobWebhookEndToEndTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
        _settings = azurite.IsolatedSettings();
    }

    private string ContainerName => _settings["ArticlesContainer"];

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_workFolder);
        return new BlobServiceClient(_azurite.ConnectionString).GetBlobContainerClient(ContainerName).CreateIfNotExistsAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        Directory.Delete(_workFolder, recursive: true);
    }

    [Fact]
    public async Task TheUploadToolsEventIngestsTheUploadThroughTheWebhook()
    {
        // No polling, and no recovery within the test: only the event can ingest the file.
        var host = await StartHostAsync(new() { ["LocalHost__PollEventGridBlobs"] = "false", ["Ingestion__RecoverAfterSeconds"] = "86400" });
        var file = Path.Combine(_workFolder, "robots.md");
        await File.WriteAllTextAsync(file, Article("https://example.com/robots-learn-to-fold-laundry", "Robots learn to fold laundry"));
        var output = new StringWriter();
        var errors = new StringWriter();

        var exitCode = await UploadCommand.RunAsync(
            [file, "--prefix", "events", "--api", $"{host.BaseAddress}api", "--timeout", "60"],
            new ConfigurationBuilder().AddInMemoryCollection(_settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build(),
            output,
            errors,
            CancellationToken.None);

        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{errors}\nhost:\n{host.OutputTail(20_000)}");
        Assert.Contains($"Announced 1 uploads with a BlobCreated event to the local host's blob webhook ({host.BaseAddress}{BlobWebhookDelivery.IngestArticle})", output.ToString());
        Assert.Contains("Summary: 1 ingested, 0 rejected, 0 withheld (suppressed, retracted or deleted), 0 pending", output.ToString());
        Assert.Contains($"Blob webhook: BlobCreated for {ContainerName}/events/robots.md delivered to Host.Functions.IngestArticle", host.Output);
        Assert.Contains($"Reason='New blob detected(EventGrid): {ContainerName}/events/robots.md'", host.Output);
        Assert.Equal("ingested", (await StatusAsync(host, "events/robots.md")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task AnEventThatCannotBeDeliveredIsAWarningAndTheFileIsStillUploaded()
    {
        var file = Path.Combine(_workFolder, "nobody-listens.md");
        await File.WriteAllTextAsync(file, Article("https://example.com/nobody-listens", "Nobody listens"));
        var output = new StringWriter();
        var errors = new StringWriter();

        // A loopback port where no host runs.
        var exitCode = await UploadCommand.RunAsync(
            [file, "--api", $"http://127.0.0.1:{LoopbackPorts.Free()}/api", "--no-wait"],
            new ConfigurationBuilder().AddInMemoryCollection(_settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build(),
            output,
            errors,
            CancellationToken.None);

        Assert.Equal(0, exitCode);
        Assert.Contains("Uploaded 1 of 1 files", output.ToString());
        Assert.Contains("Announced 0 uploads", output.ToString());
        Assert.Contains("warning: the BlobCreated event for nobody-listens.md was not delivered", errors.ToString());
        Assert.Contains("still ingested: by the recovery timer", errors.ToString());
        Assert.True(await Container().GetBlobClient("nobody-listens.md").ExistsAsync());
    }

    [Fact]
    public async Task TheUploadToolCreatesTheContainerWhenItsUploadsFindItMissing()
    {
        // A fresh Azurite, as scripts/run.sh starts: the container is made by the uploads that find it missing (several
        // at once), not checked or created beforehand, which an uploader's container-scoped role in Azure may not do.
        var settings = new Dictionary<string, string>(_settings) { ["ArticlesContainer"] = $"{ContainerName}-fresh" };
        var folder = Directory.CreateDirectory(Path.Combine(_workFolder, "fresh")).FullName;
        var names = Enumerable.Range(1, 12).Select(i => $"fresh-{i}.md").ToList();
        foreach (var name in names)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, name), Article($"https://example.com/{name}", $"Fresh article {name}"));
        }

        var output = new StringWriter();
        var errors = new StringWriter();

        var exitCode = await UploadCommand.RunAsync(
            [folder, "--api", $"http://127.0.0.1:{LoopbackPorts.Free()}/api", "--no-wait"],
            new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build(),
            output,
            errors,
            CancellationToken.None);

        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{errors}");
        Assert.Contains($"Uploaded 12 of 12 files to container '{settings["ArticlesContainer"]}'", output.ToString());
        var container = new BlobServiceClient(_azurite.ConnectionString).GetBlobContainerClient(settings["ArticlesContainer"]);
        foreach (var name in names)
        {
            Assert.True(await container.GetBlobClient(name).ExistsAsync(), $"{name} was not uploaded");
        }
    }

    [Fact]
    public async Task ABlobNoEventAnnouncedIsIngestedByTheRecoveryTimer()
    {
        // What func start does with an upload nobody announces: the trigger never fires, the recovery timer ingests it.
        var host = await StartHostAsync(new()
        {
            ["LocalHost__PollEventGridBlobs"] = "false",
            ["RecoverSchedule"] = "*/2 * * * * *",
            ["Ingestion__RecoverAfterSeconds"] = "2",
        });
        await Container().GetBlobClient("quiet/unannounced.md")
            .UploadAsync(BinaryData.FromString(Article("https://example.com/unannounced", "Nobody announced this one")));

        var status = await Poll.UntilAsync(
            () => StatusAsync(host, "quiet/unannounced.md"),
            s => s.GetProperty("status").GetString() is "ingested" or "rejected",
            TimeSpan.FromSeconds(60),
            $"the recovery timer to ingest the blob (host output:\n{host.OutputTail(20_000)})");

        Assert.Equal("ingested", status.GetProperty("status").GetString());
        Assert.Contains("Recovered 1 uploads that had no recorded outcome", host.Output);
        Assert.DoesNotContain("Blob webhook:", host.Output);
    }

    [Fact]
    public async Task ABlobTheEventAndThePollingListenerBothDeliverKeepsOneOutcome()
    {
        var host = await StartHostAsync([]);
        var blob = Container().GetBlobClient("both/twice.md");
        var uploaded = await blob.UploadAsync(BinaryData.FromString(Article("https://example.com/delivered-twice", "Delivered twice")));
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        using var delivered = await http.SendAsync(Delivery("Notification", BlobCreatedNotifier.EventFor(blob, uploaded.Value, contentLength: 0)));
        // The webhook runs the function before it answers, so the outcome is there at once.
        var first = await StatusAsync(host, "both/twice.md");
        var polled = await Poll.UntilAsync(
            () => Task.FromResult(host.Output),
            o => o.Contains($"Reason='New blob detected(LogsAndContainerScan): {ContainerName}/both/twice.md'", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60),
            "the polling listener to run the function on the same blob");
        var invocation = polled[polled.IndexOf($"Reason='New blob detected(LogsAndContainerScan): {ContainerName}/both/twice.md'", StringComparison.Ordinal)..];
        var idStart = invocation.IndexOf("Id=", StringComparison.Ordinal) + 3;
        var id = invocation[idStart..invocation.IndexOf(')', idStart)];
        await Poll.UntilAsync(
            () => Task.FromResult(host.Output),
            o => o.Contains($"(Succeeded, Id={id}", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            $"the polled invocation {id} to succeed (host output:\n{host.OutputTail(20_000)})");
        var second = await StatusAsync(host, "both/twice.md");

        Assert.Equal(HttpStatusCode.Accepted, delivered.StatusCode);
        Assert.Contains($"Reason='New blob detected(EventGrid): {ContainerName}/both/twice.md'", host.Output);
        Assert.Equal("ingested", first.GetProperty("status").GetString());
        Assert.Equal("ingested", second.GetProperty("status").GetString());
        Assert.Equal(first.GetProperty("articleId").GetString(), second.GetProperty("articleId").GetString());
        Assert.DoesNotContain("Executed 'Functions.IngestArticle' (Failed", host.Output);
    }

    [Fact]
    public async Task TheWebhookAnswersTheHandshakeAndRefusesWhatItCannotDeliver()
    {
        var host = await StartHostAsync(new() { ["LocalHost__PollEventGridBlobs"] = "false", ["LocalHost__FunctionKey"] = FunctionKey });
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        const string handshake = """[{"id":"v1","eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","subject":"","data":{"validationCode":"0f3a-code"},"dataVersion":"2","eventTime":"2026-01-01T00:00:00Z"}]""";
        var elsewhere = BlobCreatedNotifier.EventFor(
            new BlobServiceClient(_azurite.ConnectionString).GetBlobContainerClient("other-container").GetBlobClient("a.md"),
            Azure.Storage.Blobs.Models.BlobsModelFactory.BlobContentInfo(new Azure.ETag("\"0x1\""), DateTimeOffset.UtcNow, null, null, null, null, 0),
            contentLength: 1);

        using var validated = await http.SendAsync(Delivery("SubscriptionValidation", handshake));
        using var keyless = await http.SendAsync(Delivery("SubscriptionValidation", handshake, withKey: false));
        using var unknown = await http.SendAsync(Delivery("Notification", "[]", "runtime/webhooks/blobs?functionName=Host.Functions.NoSuchFunction"));
        using var notEventGrid = await http.SendAsync(Delivery("Notification", "[]", "runtime/webhooks/blobs?functionName=Host.Functions.GetIngestStatus"));
        using var unnamed = await http.SendAsync(Delivery("Notification", "[]", "runtime/webhooks/blobs"));
        using var noHeader = await http.SendAsync(Delivery(null, handshake));
        using var notJson = await http.SendAsync(Delivery("Notification", "this is not json"));
        using var otherContainer = await http.SendAsync(Delivery("Notification", elsewhere));

        Assert.Equal(HttpStatusCode.OK, validated.StatusCode);
        Assert.Equal("0f3a-code", JsonDocument.Parse(await validated.Content.ReadAsStringAsync()).RootElement.GetProperty("validationResponse").GetString());
        await AssertProblemAsync(keyless, HttpStatusCode.Unauthorized, "x-functions-key");
        await AssertProblemAsync(unknown, HttpStatusCode.NotFound, "Host.Functions.IngestArticle");
        await AssertProblemAsync(notEventGrid, HttpStatusCode.NotFound, "Host.Functions.GetIngestStatus");
        await AssertProblemAsync(unnamed, HttpStatusCode.BadRequest, "functionName");
        await AssertProblemAsync(noHeader, HttpStatusCode.BadRequest, "aeg-event-type");
        await AssertProblemAsync(notJson, HttpStatusCode.BadRequest, "not JSON");
        await AssertProblemAsync(otherContainer, HttpStatusCode.BadRequest, $"container '{ContainerName}'");
    }

    private async Task<LocalHostProcess> StartHostAsync(Dictionary<string, string> extra)
    {
        var host = new LocalHostProcess(_settings.Concat(extra).ToDictionary(s => s.Key, s => s.Value));
        _hosts.Add(host);
        await host.StartAsync();
        return host;
    }

    private static HttpRequestMessage Delivery(string? eventType, string body, string path = BlobWebhookDelivery.IngestArticle, bool withKey = true) =>
        BlobWebhookDelivery.Request(eventType, body, withKey ? FunctionKey : null, path);

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detailPart)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString();
        Assert.Contains(detailPart, detail);
    }

    private static async Task<JsonElement> StatusAsync(LocalHostProcess host, string blobName)
    {
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync($"api/ingest/status?blob={Uri.EscapeDataString(blobName)}");
        return response.StatusCode == HttpStatusCode.OK
            ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone()
            : JsonDocument.Parse("""{"status":null}""").RootElement.Clone();
    }

    private BlobContainerClient Container() => new BlobServiceClient(_azurite.ConnectionString).GetBlobContainerClient(ContainerName);

    private static string Article(string url, string title) => $"""
        ---
        title: "{title}"
        webUrl: "{url}"
        publishedDateTime: 2026-11-20T08:00:00Z
        quality: 80
        provider:
          name: Example News
        topics: [AI in Robotics]
        ---
        """;
}
