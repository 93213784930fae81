using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.OpenApi.Any;
using Microsoft.OpenApi.Models;
using Serverless.Domain.Feeds.Formats;
using Serverless.Functions.Http;

namespace Serverless.UnitTests.Functions;

/// <summary>Every HTTP function declares what it answers, and openapi.json gives each response its media type and schema.</summary>
public sealed class OpenApiResponseTests
{
    private static readonly OpenApiDocument Document = OpenApiDocumentFactory.Build();

    public static TheoryData<string> HttpFunctionNames => [.. HttpFunctions().Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(HttpFunctionNames))]
    public void EveryHttpFunctionDeclaresItsSuccessAndItsStorageProblem(string name)
    {
        var method = HttpFunctions().Single(f => f.Name == name).Method;
        var declared = method.GetCustomAttributes<OpenApiResponseAttribute>().ToList();

        Assert.True(declared.Any(r => r.Status is >= 200 and < 300), $"{method.DeclaringType!.Name} declares no success response: add [OpenApiResponse(200, typeof(...), \"...\")]");
        // A function with injected services reads or writes storage (the only one without is openapi.json itself),
        // so StorageUnavailableMiddleware can answer its 503.
        if (method.DeclaringType!.GetConstructors().Any(c => c.GetParameters().Length > 0))
        {
            Assert.True(method.GetCustomAttribute<OpenApiStorageProblemAttribute>() is not null, $"{method.DeclaringType.Name} uses storage but does not declare [OpenApiStorageProblem]");
        }
    }

    [Fact]
    public void EveryResponseButRedirectsNotModifiedAndUnauthorizedHasAContentTypeAndSchema()
    {
        foreach (var (path, operation) in Operations())
        {
            if (operation.Responses.TryGetValue("301", out var moved))
            {
                Assert.True(moved.Headers.ContainsKey("Location"), $"{path} 301 declares no Location header");
            }

            foreach (var (status, response) in operation.Responses.Where(r => r.Key is not "304" and not "401" and not "301"))
            {
                Assert.True(response.Content.Count > 0, $"{path} {status} declares no content");
                Assert.All(response.Content.Values, c => Assert.NotNull(c.Schema));
                if (status.StartsWith('4') || status.StartsWith('5'))
                {
                    Assert.Equal("ProblemDetailsResponse", Assert.Single(response.Content, c => c.Key == "application/problem+json").Value.Schema.Reference.Id);
                }
            }
        }
    }

    [Fact]
    public void TheStorageProblemCarriesRetryAfterAndGetsDeclareTheirNotModified()
    {
        var feed = Document.Paths["/topics/{topicId}/feed"].Operations[OperationType.Get];

        Assert.True(feed.Responses["503"].Headers.ContainsKey("Retry-After"));
        Assert.True(feed.Responses["200"].Headers.ContainsKey("ETag"));
        Assert.True(feed.Responses.ContainsKey("304"));
        Assert.False(Document.Paths["/manage/rescore"].Operations[OperationType.Post].Responses.ContainsKey("304"));
    }

    [Fact]
    public void TheFeedDeclaresEveryFormatsMediaTypeAndTheJsonOnesTheirRecords()
    {
        var content = Document.Paths["/topics/{topicId}/feed"].Operations[OperationType.Get].Responses["200"].Content;

        Assert.Equal(FeedFormats.All.Select(f => f.MediaType).Order(), content.Keys.Order());
        Assert.Equal("TopicFeedResponse", content["application/json"].Schema.Reference.Id);
        Assert.Equal("JsonFeedDocument", content["application/feed+json"].Schema.Reference.Id);
        Assert.Equal("string", content["application/rss+xml"].Schema.Type);
        Assert.Equal("string", content["application/atom+xml"].Schema.Type);
        Assert.Equal("string", Document.Paths["/front"].Operations[OperationType.Get].Responses["200"].Content["text/html"].Schema.Type);
    }

    [Fact]
    public void SchemasFollowTheSerializerNamesIgnoreConditionsAndNullability()
    {
        var schemas = Document.Components.Schemas;

        // ApiResults' options: camelCase, nulls written, except where a member says otherwise.
        var problem = schemas["ProblemDetailsResponse"];
        Assert.Equal(["detail", "status", "title", "type"], problem.Required.Order());
        Assert.True(problem.Properties["instance"].Nullable);
        Assert.Equal("integer", problem.Properties["status"].Type);
        var page = schemas["TopicFeedResponse"];
        Assert.Contains("next", page.Required);
        Assert.True(page.Properties["next"].Nullable);
        Assert.Equal("array", page.Properties["items"].Type);
        Assert.Equal("FeedItem", page.Properties["items"].Items.Reference.Id);
        Assert.False(page.AdditionalPropertiesAllowed);
        var article = schemas["ArticleResponse"];
        Assert.Equal("date-time", article.Properties["ingestedAt"].Format);
        Assert.True(article.Properties["heat"].Nullable);
        Assert.Equal(["FrontMatter", "PlainText", "Json"], schemas["Article"].Properties["format"].Enum.Select(e => ((OpenApiString)e).Value));
        Assert.Equal("Article", article.Properties["article"].Reference.Id);

        // JSON Feed's options: snake_case, nulls left out; its extension keeps its own names.
        var item = schemas["JsonFeedItem"];
        Assert.Contains("content_text", item.Required);
        Assert.Contains("date_published", item.Properties.Keys);
        Assert.DoesNotContain("url", item.Required);
        Assert.Equal("JsonFeedNews", item.Properties["_news"].Reference.Id);
        Assert.Equal(["heat", "storyId", "storySize", "storyUrl", "topics"], schemas["JsonFeedNews"].Properties.Keys.Order());
    }

    [Fact]
    public void EveryReferenceResolvesToAComponent()
    {
        var json = OpenApiDocumentFactory.BuildJson();
        var references = System.Text.RegularExpressions.Regex.Matches(json, "\"#/components/schemas/([^\"]+)\"").Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.True(Document.Components.Schemas.ContainsKey(r), $"{r} is referenced but not in components/schemas"));
    }

    [Fact]
    public void AnonymousOperationsDeclareAnEmptyRequirementAndKeyedOnesTheFunctionKey()
    {
        foreach (var (_, operation) in Operations())
        {
            if (Keyed.Contains(operation.OperationId))
            {
                Assert.Equal(["functionKey", "functionKeyQuery"], operation.Security.Select(r => Assert.Single(r.Keys).Reference.Id));
                Assert.True(operation.Responses.ContainsKey("401"));
            }
            else
            {
                Assert.Empty(Assert.Single(operation.Security));
            }
        }

        // As served: the anonymous ones as the empty requirement list, security: [].
        var served = System.Text.Json.Nodes.JsonNode.Parse(OpenApiDocumentFactory.BuildJson())!["paths"]!.AsObject();
        foreach (var (_, item) in served)
        {
            foreach (var (_, operation) in item!.AsObject())
            {
                var security = operation!["security"]!.AsArray();
                Assert.Equal(Keyed.Contains(operation!["operationId"]!.GetValue<string>()) ? 2 : 0, security.Count);
            }
        }

        Assert.Equal("MIT", Document.Info.License.Name);

        Assert.Equal("code", Document.Components.SecuritySchemes["functionKeyQuery"].Name);
    }

    // The editors' and operators' endpoints; every other one is anonymous.
    private static readonly HashSet<string> Keyed = ["RescoreNow", "TakeDownArticle", "RestoreArticle", "GetAudit"];

    private static IEnumerable<(string Path, OpenApiOperation Operation)> Operations() =>
        Document.Paths.SelectMany(p => p.Value.Operations.Values.Select(o => (p.Key, o)));

    private static IEnumerable<(string Name, MethodInfo Method)> HttpFunctions() =>
        typeof(OpenApiDocumentFactory).Assembly.GetExportedTypes()
            .SelectMany(t => t.GetMethods())
            .Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>()))
            .Where(x => x.Function is not null && x.Method.GetParameters().Any(p => p.GetCustomAttribute<HttpTriggerAttribute>() is not null))
            .Select(x => (x.Function!.Name, x.Method));
}
