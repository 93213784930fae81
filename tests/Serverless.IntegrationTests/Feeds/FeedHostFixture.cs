using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Serverless.Domain.Storage;
using Serverless.IntegrationTests.Support;

namespace Serverless.IntegrationTests.Feeds;

/// <summary>
/// Its own Azurite and local host, loaded once with the shared samples and corpus plus a few hostile articles,
/// rescored, for the read-only feed tests.
/// </summary>
public sealed class FeedHostFixture : IAsyncLifetime
{
    public const string FunctionKey = "test-function-key-0123456789";

    private readonly AzuriteInstance _azurite = new();
    private LocalHostProcess? _host;

    public HttpClient Http { get; private set; } = null!;

    public LocalHostProcess Host => _host!;

    public async Task InitializeAsync()
    {
        await _azurite.StartAsync();
        _host = new LocalHostProcess(new Dictionary<string, string>
        {
            [StorageOptions.ConnectionName] = _azurite.ConnectionString,
            ["LocalHost__FunctionKey"] = FunctionKey,
            // The local host's blob listener polls, and a poll can miss a blob written in the same second as the
            // last one it saw; the recovery timer is the backstop, run here often enough for the fixture's deadline.
            ["RecoverSchedule"] = "*/5 * * * * *",
            ["Ingestion__RecoverAfterSeconds"] = "10",
        });
        await _host.StartAsync();
        Http = new HttpClient { BaseAddress = _host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        var container = new BlobServiceClient(_azurite.ConnectionString).GetBlobContainerClient("articles");
        await container.CreateIfNotExistsAsync();
        var names = new List<string>();
        if (RepositoryPaths.SharedExists)
        {
            foreach (var file in Directory.GetFiles(RepositoryPaths.Samples).Concat(Directory.GetFiles(RepositoryPaths.Corpus)))
            {
                var name = "shared/" + Path.GetFileName(file);
                await container.GetBlobClient(name).UploadAsync(file, overwrite: true);
                names.Add(name);
            }
        }

        // The corpus is from 2021 to 2023, so its heat has decayed to nothing: a few articles of today keep feeds live.
        string[] fresh = ["Lighthouse keepers trial solar lamps", "Robot lawnmowers learn to spare hedgehogs", "Village library lends telescopes", "Rail museum restores steam crane", "Beekeepers map urban meadows"];
        for (var i = 0; i < fresh.Length; i++)
        {
            var name = $"fresh/{i}.md";
            var text = $"---\ntitle: \"{fresh[i]}\"\nwebUrl: https://fresh{i}.example/today\npublishedDateTime: {DateTimeOffset.UtcNow.AddHours(-1 - (3 * i)):O}\nquality: {95 - (5 * i)}\ntopics: [AI]\n---\n";
            await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(text), overwrite: true);
            names.Add(name);
        }

        foreach (var (name, text) in HostileArticles)
        {
            await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(text), overwrite: true);
            names.Add(name);
        }

        foreach (var name in names)
        {
            await Poll.UntilAsync(
                async () =>
                {
                    using var response = await Http.GetAsync($"api/ingest/status?blob={Uri.EscapeDataString(name)}");
                    return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString() : null;
                },
                status => status is "ingested" or "rejected",
                TimeSpan.FromSeconds(60),
                $"{name} to be ingested (host output:\n{_host.OutputTail(30_000)})");
        }

        using var rescore = new HttpRequestMessage(HttpMethod.Post, "api/manage/rescore");
        rescore.Headers.Add("x-functions-key", FunctionKey);
        (await Http.SendAsync(rescore)).EnsureSuccessStatusCode();
    }

    /// <summary>The story of the first sample, found as a reader would: its upload's status, then its article.</summary>
    public async Task<string> SampleStoryIdAsync()
    {
        var name = "shared/" + Path.GetFileName(Directory.GetFiles(RepositoryPaths.Samples).Order(StringComparer.Ordinal).First());
        var status = await Http.GetFromJsonAsync<JsonElement>($"api/ingest/status?blob={Uri.EscapeDataString(name)}");
        var article = await Http.GetFromJsonAsync<JsonElement>($"api/articles/{status.GetProperty("articleId").GetString()}");
        return article.GetProperty("storyId").GetString()!;
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _azurite.DisposeAsync();
    }

    /// <summary>Articles whose text tries to become active content in a feed or the page.</summary>
    public static readonly (string Name, string Text)[] HostileArticles =
    [
        ("hostile/script-title.md", """
            ---
            title: "<script>alert('x')</script> Robots <b>bold</b> & co"
            excerpt: "<img src=x onerror=alert(1)> excerpt"
            webUrl: "https://hostile.example.com/script"
            publishedDateTime: 2023-07-28T10:00:00Z
            quality: 120
            provider:
              name: "<i>Evil</i> Outlet"
            topics: [AI in Robotics]
            images:
              - url: "javascript:alert(1)"
            ---
            """),
        ("hostile/javascript-url.md", """
            ---
            title: "A script-scheme link must never be served"
            webUrl: "javascript:alert(document.cookie)"
            publishedDateTime: 2023-07-28T11:00:00Z
            quality: 110
            topics: [AI in Robotics]
            ---
            """),
    ];
}
