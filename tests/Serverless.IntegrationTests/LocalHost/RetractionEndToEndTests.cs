using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Serverless.IntegrationTests.Support;
using Serverless.Upload;
using Xunit.Abstractions;

namespace Serverless.IntegrationTests.LocalHost;

/// <summary>
/// Retractions and takedowns through the local host, as a newsroom meets them: a BlobDeleted event in the deletions
/// queue (as Event Grid puts it there in Azure), the reconcile timer for a delete no event reported, and the editors'
/// takedown, restore and audit endpoints with their function key.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RetractionEndToEndTests : IAsyncLifetime
{
    private const string FunctionKey = "retraction-test-key";
    private readonly AzuriteFixture _azurite;
    private readonly ITestOutputHelper _output;
    private readonly Dictionary<string, string> _settings;
    private readonly List<LocalHostProcess> _hosts = [];

    public RetractionEndToEndTests(AzuriteFixture azurite, ITestOutputHelper output)
    {
        _azurite = azurite;
        _output = output;
        _settings = azurite.IsolatedSettings();
        _settings["LocalHost__FunctionKey"] = FunctionKey;
    }

    private BlobContainerClient Container => new BlobServiceClient(_azurite.ConnectionString).GetBlobContainerClient(_settings["ArticlesContainer"]);

    public async Task InitializeAsync() => await Container.CreateIfNotExistsAsync();

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task ABlobDeletedEventInTheQueueRetractsTheArticleEverywhereAtOnce()
    {
        // The reconcile timer is kept out of the way: only the event can retract.
        using var http = await StartHostAsync(new() { ["ReconcileSchedule"] = "0 0 0 1 1 *" });
        var id = await UploadAsync(http, "queued.md", Uploads.Article("queued", "Queued deletion"));
        Assert.Contains(id, await http.GetStringAsync("api/topics/ai/feed?limit=100"), StringComparison.Ordinal);

        var queue = new QueueClient(_azurite.ConnectionString, "upload-deletions", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync();
        await Container.DeleteBlobAsync("queued.md");
        var clock = Stopwatch.StartNew();
        await queue.SendMessageAsync(DeletedEvent("queued.md"));
        await StatusAsync(http, "queued.md", "retracted");
        _output.WriteLine($"event queued to status retracted: {clock.ElapsedMilliseconds} ms");

        using var article = await http.GetAsync($"api/articles/{id}");
        Assert.Equal(HttpStatusCode.Gone, article.StatusCode);
        Assert.Equal("application/problem+json", article.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain(id, await http.GetStringAsync("api/topics/ai/feed?limit=100"), StringComparison.Ordinal);

        using var anonymous = await http.GetAsync("api/audit");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var audit = await GetJsonAsync(http, "api/audit");
        var entry = audit.GetProperty("entries")[0];
        Assert.Equal(("retraction", "blob-delete", "queued.md", id), (entry.GetProperty("action").GetString(), entry.GetProperty("source").GetString(), entry.GetProperty("blob").GetString(), entry.GetProperty("article").GetString()));

        // A message that is not a BlobDeleted event is dropped, not retried into the poison queue.
        await queue.SendMessageAsync("{\"eventType\":\"Microsoft.Storage.BlobCreated\",\"subject\":\"/blobServices/default/containers/x/blobs/y\"}");
        await Poll.UntilAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount, count => count == 0, TimeSpan.FromSeconds(30), "the other event to be taken off the queue");
    }

    [Fact]
    public async Task TheReconcileTimerRetractsADeleteNoEventReported()
    {
        using var http = await StartHostAsync(new() { ["ReconcileSchedule"] = "*/2 * * * * *" });
        var id = await UploadAsync(http, "quiet.md", Uploads.Article("quiet", "Quiet deletion"));

        await Container.DeleteBlobAsync("quiet.md");
        var clock = Stopwatch.StartNew();
        var status = await StatusAsync(http, "quiet.md", "retracted");
        _output.WriteLine($"blob deleted to status retracted by the reconcile timer (every 2 s): {clock.ElapsedMilliseconds} ms");

        Assert.Equal(id, status.GetProperty("articleId").GetString());
        Assert.Contains("Upload the file again", status.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(id, await http.GetStringAsync("api/topics/ai/feed?limit=100"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditorsTakeDownRestoreAndReadTheRecordThroughTheApi()
    {
        using var http = await StartHostAsync([]);
        var id = await UploadAsync(http, "editor.md", Uploads.Article("editor", "Editor's article"));

        using (var anonymous = await http.DeleteAsync($"api/articles/{id}"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        await AssertProblemAsync(await SendAsync(http, HttpMethod.Delete, $"api/articles/{id}", "{}"), HttpStatusCode.BadRequest, "reason");
        await AssertProblemAsync(await SendAsync(http, HttpMethod.Delete, $"api/articles/{id}", "not json"), HttpStatusCode.BadRequest, "reason");
        await AssertProblemAsync(await SendAsync(http, HttpMethod.Delete, $"api/articles/{new string('0', 32)}", "{\"reason\":\"x\"}"), HttpStatusCode.NotFound, "No article");
        await AssertProblemAsync(await SendAsync(http, HttpMethod.Post, $"api/articles/{id}/restore", null), HttpStatusCode.Conflict, "published");

        using var down = await SendAsync(http, HttpMethod.Delete, $"api/articles/{id}", "{\"reason\":\"legal request 2026-114\"}");
        Assert.Equal(HttpStatusCode.OK, down.StatusCode);
        var body = await down.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("taken-down", "legal request 2026-114", true), (body.GetProperty("status").GetString(), body.GetProperty("reason").GetString(), body.GetProperty("changed").GetBoolean()));
        await AssertProblemAsync(await http.GetAsync($"api/articles/{id}"), HttpStatusCode.Gone, "taken down");
        Assert.DoesNotContain(id, await http.GetStringAsync("api/topics/ai/feed?limit=100"), StringComparison.Ordinal);

        // Uploading it again leaves it out, and says why. The overwrite is announced as Event Grid announces it in
        // Azure: the local polling listener compares Last-Modified to the second, so it can miss an overwrite made
        // within the second of the first upload (the recovery timer would take it up later).
        var edited = Container.GetBlobClient("editor.md");
        var reuploaded = await edited.UploadAsync(BinaryData.FromString(Uploads.Article("editor", "Editor's article, edited")), overwrite: true);
        using (var announced = await http.SendAsync(BlobWebhookDelivery.Request("Notification", BlobCreatedNotifier.EventFor(edited, reuploaded.Value, contentLength: 0), FunctionKey)))
        {
            Assert.True(announced.IsSuccessStatusCode, $"the webhook answered {(int)announced.StatusCode}");
        }

        var suppressed = await StatusAsync(http, "editor.md", "suppressed");
        Assert.Contains("legal request 2026-114", suppressed.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var restored = await SendAsync(http, HttpMethod.Post, $"api/articles/{id}/restore", null);
        Assert.Equal("published", (await restored.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        using (var back = await http.GetAsync($"api/articles/{id}"))
        {
            Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        }

        Assert.Contains(id, await http.GetStringAsync("api/topics/ai/feed?limit=100"), StringComparison.Ordinal);

        var first = await GetJsonAsync(http, $"api/audit?article={id}&limit=1");
        Assert.Equal("restore", first.GetProperty("entries")[0].GetProperty("action").GetString());
        var second = await GetJsonAsync(http, $"api/audit?article={id}&limit=1&cursor={first.GetProperty("next").GetString()}");
        Assert.Equal(("takedown", "editor"), (second.GetProperty("entries")[0].GetProperty("action").GetString(), second.GetProperty("entries")[0].GetProperty("source").GetString()));
        await AssertProblemAsync(await SendAsync(http, HttpMethod.Get, "api/audit?cursor=bogus", null), HttpStatusCode.BadRequest, "cursor");
        await AssertProblemAsync(await SendAsync(http, HttpMethod.Get, "api/audit?limit=0", null), HttpStatusCode.BadRequest, "limit");
    }

    private string DeletedEvent(string blob) => JsonSerializer.Serialize(new
    {
        id = Guid.NewGuid().ToString(),
        topic = "/subscriptions/0/resourceGroups/news/providers/Microsoft.Storage/storageAccounts/devstoreaccount1",
        subject = $"/blobServices/default/containers/{_settings["ArticlesContainer"]}/blobs/{blob}",
        eventType = "Microsoft.Storage.BlobDeleted",
        eventTime = DateTimeOffset.UtcNow,
        data = new { api = "DeleteBlob", blobType = "BlockBlob", url = $"https://devstoreaccount1.blob.core.windows.net/{_settings["ArticlesContainer"]}/{blob}" },
        dataVersion = string.Empty,
        metadataVersion = "1",
    });

    private async Task<HttpClient> StartHostAsync(Dictionary<string, string> extra)
    {
        var host = new LocalHostProcess(_settings.Concat(extra).ToDictionary(s => s.Key, s => s.Value));
        _hosts.Add(host);
        await host.StartAsync();
        return new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    private async Task<string> UploadAsync(HttpClient http, string name, string text)
    {
        await Container.GetBlobClient(name).UploadAsync(BinaryData.FromString(text), overwrite: true);
        return (await StatusAsync(http, name, "ingested")).GetProperty("articleId").GetString()!;
    }

    private async Task<JsonElement> StatusAsync(HttpClient http, string name, string wanted) =>
        await Poll.UntilAsync(
            async () =>
            {
                using var response = await http.GetAsync($"api/ingest/status?blob={Uri.EscapeDataString(name)}");
                return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
            },
            status => status.ValueKind == JsonValueKind.Object && status.GetProperty("status").GetString() == wanted,
            TimeSpan.FromSeconds(60),
            $"{name} to read {wanted} (host output:\n{_hosts[^1].OutputTail(20_000)})");

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string? body)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-functions-key", FunctionKey);
        return await http.SendAsync(request);
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string path)
    {
        using var response = await SendAsync(http, HttpMethod.Get, path, null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detailPart)
    {
        using (response)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains(detailPart, problem.GetProperty("title").GetString() + " " + problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        }
    }
}
