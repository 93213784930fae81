using System.Net.Http.Json;
using System.Text.Json;
using Serverless.IntegrationTests.Support;

namespace Serverless.IntegrationTests.Feeds;

/// <summary>
/// The JSON bodies the endpoints actually answer match the schemas the served openapi.json declares for them
/// (NJsonSchema): a response record that drifts from its declared schema fails here.
/// </summary>
public sealed class OpenApiResponseSchemaTests : IClassFixture<FeedHostFixture>
{
    // The hostile articles of the fixture are in this topic, so these answers do not need ../shared.
    private const string Topic = "ai-in-robotics";

    private readonly FeedHostFixture _fixture;

    public OpenApiResponseSchemaTests(FeedHostFixture fixture)
    {
        _fixture = fixture;
    }

    private HttpClient Http => _fixture.Http;

    [Fact]
    public async Task EveryJsonBodyServedMatchesItsDeclaredSchema()
    {
        var schemas = new OpenApiResponseSchemas(await Http.GetStringAsync("api/openapi.json"));
        var page = await Http.GetFromJsonAsync<JsonElement>($"api/topics/{Topic}/feed?limit=100");
        var articleId = page.GetProperty("items")[0].GetProperty("id").GetString();
        var storyId = page.GetProperty("items")[0].GetProperty("storyId").GetString();
        using var rescore = new HttpRequestMessage(HttpMethod.Post, "api/manage/rescore");
        rescore.Headers.Add("x-functions-key", FeedHostFixture.FunctionKey);
        using var jsonFeed = new HttpRequestMessage(HttpMethod.Get, $"api/topics/{Topic}/feed?limit=1");
        jsonFeed.Headers.Accept.ParseAdd("application/feed+json");

        var checkedBodies = new List<string>();
        foreach (var request in new[]
        {
            new HttpRequestMessage(HttpMethod.Get, "api/topics"),
            new HttpRequestMessage(HttpMethod.Get, $"api/topics/{Topic}/feed?limit=100"),
            new HttpRequestMessage(HttpMethod.Get, $"api/topics/{Topic}/feed?limit=1"),
            new HttpRequestMessage(HttpMethod.Get, $"api/topics/{Topic}/feed?format=jsonfeed&limit=100"),
            jsonFeed,
            new HttpRequestMessage(HttpMethod.Get, $"api/articles/{articleId}"),
            new HttpRequestMessage(HttpMethod.Get, $"api/stories/{storyId}"),
            new HttpRequestMessage(HttpMethod.Get, $"api/stories/{storyId}?format=jsonfeed"),
            new HttpRequestMessage(HttpMethod.Get, "api/stories/0123456789abcdef0123456789abcdef"),
            new HttpRequestMessage(HttpMethod.Get, $"api/stories/{storyId}?limit=500"),
            new HttpRequestMessage(HttpMethod.Get, "api/ingest/status?blob=" + Uri.EscapeDataString(FeedHostFixture.HostileArticles[0].Name)),
            new HttpRequestMessage(HttpMethod.Get, "api/ingest/status?blob=" + Uri.EscapeDataString(FeedHostFixture.HostileArticles[1].Name)),
            rescore,
            new HttpRequestMessage(HttpMethod.Get, "api/articles/0123456789abcdef0123456789abcdef"),
            new HttpRequestMessage(HttpMethod.Get, "api/topics/no-such-topic/feed"),
            new HttpRequestMessage(HttpMethod.Get, $"api/topics/{Topic}/feed?limit=0"),
            new HttpRequestMessage(HttpMethod.Get, "api/ingest/status"),
            new HttpRequestMessage(HttpMethod.Get, "api/ingest/status?blob=never-uploaded.md"),
        })
        {
            using (request)
            using (var response = await Http.SendAsync(request))
            {
                var body = await response.Content.ReadAsStringAsync();
                // Sent, the request's URI is absolute; the document's paths are under its server, /api.
                var path = request.RequestUri!.AbsolutePath["/api".Length..];
                var mediaType = response.Content.Headers.ContentType!.MediaType!;
                var schema = await schemas.ForAsync(request.Method.Method, path, (int)response.StatusCode, mediaType);

                var errors = schema.Validate(body);

                Assert.True(errors.Count == 0, $"{request.Method} {request.RequestUri} answered {(int)response.StatusCode} {mediaType} that does not match openapi.json:\n{string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind} {e.Property}"))}\n{body[..Math.Min(body.Length, 2000)]}");
                checkedBodies.Add($"{(int)response.StatusCode} {mediaType}");
            }
        }

        // The answers above cover every JSON shape: success bodies in both JSON media types and the problems.
        Assert.Contains("200 application/json", checkedBodies);
        Assert.Contains("200 application/feed+json", checkedBodies);
        Assert.Contains("400 application/problem+json", checkedBodies);
        Assert.Contains("404 application/problem+json", checkedBodies);
    }

    [Fact]
    public async Task ABodyThatDriftsFromItsSchemaIsCaught()
    {
        var schemas = new OpenApiResponseSchemas(await Http.GetStringAsync("api/openapi.json"));
        var schema = await schemas.ForAsync("GET", "/topics", 200, "application/json");
        var topics = await Http.GetStringAsync("api/topics");

        Assert.Empty(schema.Validate(topics));
        Assert.NotEmpty(schema.Validate(topics.Replace("\"articleCount\"", "\"count\"", StringComparison.Ordinal)));
        Assert.NotEmpty(schema.Validate(topics.Replace("\"hottestHeat\":", "\"hottestHeat\":\"hot\",\"was\":", StringComparison.Ordinal)));
    }
}
