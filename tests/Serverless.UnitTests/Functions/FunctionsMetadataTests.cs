using System.Text.Json.Nodes;
using Microsoft.Azure.Functions.Worker;
using Serverless.LocalHost.Catalog;
using Serverless.LocalHost.Http;
using Serverless.UnitTests.Support;

namespace Serverless.UnitTests.Functions;

/// <summary>
/// Reads the functions.metadata the Functions SDK generates (what the Functions host in Azure or under func start
/// reads) and checks every binding, so a wrong path, setting name, route or auth level fails here, not in Azure.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly Lazy<JsonArray> Metadata = new(Load);

    public static TheoryData<string, string, string> ExpectedTriggers => new()
    {
        // name, trigger type, "key=value;..." of the binding properties that matter
        { "IngestArticle", "blobTrigger", "path=%ArticlesContainer%/{name};connection=AzureWebJobsStorage;source=EventGrid" },
        { "GetIngestStatus", "httpTrigger", "route=ingest/status;methods=get;authLevel=Anonymous" },
        { "RescoreArticles", "timerTrigger", "schedule=%RescoreSchedule%" },
        { "RecoverPendingUploads", "timerTrigger", "schedule=%RecoverSchedule%" },
        { "RescoreNow", "httpTrigger", "route=manage/rescore;methods=post;authLevel=Function" },
        { "ListTopics", "httpTrigger", "route=topics;methods=get;authLevel=Anonymous" },
        { "GetTopicFeed", "httpTrigger", "route=topics/{topicId}/feed;methods=get;authLevel=Anonymous" },
        { "GetArticle", "httpTrigger", "route=articles/{id};methods=get;authLevel=Anonymous" },
        { "GetOpenApi", "httpTrigger", "route=openapi.json;methods=get;authLevel=Anonymous" },
        { "GetStory", "httpTrigger", "route=stories/{storyId};methods=get;authLevel=Anonymous" },
        { "FrontPage", "httpTrigger", "route=front;methods=get;authLevel=Anonymous" },
        { "TakeDownArticle", "httpTrigger", "route=articles/{id};methods=delete;authLevel=Function" },
        { "RestoreArticle", "httpTrigger", "route=articles/{id}/restore;methods=post;authLevel=Function" },
        { "GetAudit", "httpTrigger", "route=audit;methods=get;authLevel=Function" },
        { "RetractDeletedUpload", "queueTrigger", "queueName=upload-deletions;connection=AzureWebJobsStorage" },
        { "ReconcileDeletedUploads", "timerTrigger", "schedule=%ReconcileSchedule%" },
    };

    [Theory]
    [MemberData(nameof(ExpectedTriggers))]
    public void FunctionHasTheExpectedTrigger(string name, string type, string properties)
    {
        var trigger = TriggerOf(name);

        Assert.Equal(type, trigger["type"]!.GetValue<string>());
        foreach (var pair in properties.Split(';'))
        {
            var (key, expected) = (pair.Split('=', 2)[0], pair.Split('=', 2)[1]);
            var actual = trigger[key] switch
            {
                JsonArray array => string.Join(',', array.Select(v => v!.GetValue<string>())),
                { } value => value.GetValue<string>(),
                null => null,
            };
            Assert.True(expected == actual, $"{name}.{key}: expected '{expected}', metadata has '{actual}'");
        }
    }

    [Fact]
    public void EveryFunctionInTheMetadataIsExpected()
    {
        var names = Metadata.Value.Select(f => f!["name"]!.GetValue<string>()).Order().ToList();
        var expected = ExpectedTriggers.Select(row => (string)row[0]).Order().ToList();

        Assert.Equal(expected, names);
    }

    [Fact]
    public void EveryFunctionUsesTheIsolatedWorker()
    {
        Assert.All(Metadata.Value, f =>
        {
            Assert.Equal("dotnet-isolated", f!["language"]!.GetValue<string>());
            Assert.Equal("Serverless.Functions.dll", f["scriptFile"]!.GetValue<string>());
        });
    }

    [Fact]
    public void NoHttpRouteIsOneTheFunctionsHostReserves()
    {
        // The host keeps every route starting with "admin" or "runtime" for itself and puts such a function in error
        // at start-up (it then answers 404); the local host would refuse to start, but this shows it before any host runs.
        var reserved = Metadata.Value
            .Select(f => TriggerOf(f!["name"]!.GetValue<string>()))
            .Where(t => t["type"]!.GetValue<string>() == "httpTrigger")
            .Select(t => t["route"]!.GetValue<string>())
            .Where(FunctionAppValidator.IsReserved)
            .ToList();

        Assert.True(reserved.Count == 0, $"Routes the Functions host refuses: {string.Join(", ", reserved)}");
    }

    [Fact]
    public void NoFunctionWouldBeInErrorUnderTheFunctionsHost()
    {
        var declarations = Metadata.Value.Select(f =>
        {
            var name = f!["name"]!.GetValue<string>();
            var trigger = TriggerOf(name);
            return trigger["type"]!.GetValue<string>() == "httpTrigger"
                ? new FunctionDeclaration(name, IsHttp: true, trigger["route"]?.GetValue<string>(), trigger["methods"]?.AsArray().Select(m => m!.GetValue<string>()).ToList())
                : new FunctionDeclaration(name, IsHttp: false);
        });

        var errors = FunctionAppValidator.Validate(declarations);

        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    [Fact]
    public void LocalHostServesEveryFunctionWithTheSameTrigger()
    {
        var catalog = FunctionCatalog.ForFunctionApp();

        Assert.Equal(
            Metadata.Value.Select(f => f!["name"]!.GetValue<string>()).Order(),
            catalog.Functions.Select(f => f.Name).Order());
        foreach (var function in catalog.Functions)
        {
            var trigger = TriggerOf(function.Name);
            switch (function.Trigger)
            {
                case HttpTriggerAttribute http:
                    Assert.Equal(trigger["route"]!.GetValue<string>(), http.Route);
                    Assert.Equal(
                        trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>().ToUpperInvariant()).Order(),
                        http.Methods!.Select(m => m.ToUpperInvariant()).Order());
                    Assert.StartsWith("api/", HttpFunctionEndpoints.RouteOf(function, "api"));
                    break;
                case BlobTriggerAttribute blob:
                    Assert.Equal(trigger["path"]!.GetValue<string>(), blob.BlobPath);
                    Assert.Equal(trigger["connection"]!.GetValue<string>(), blob.Connection);
                    break;
                case QueueTriggerAttribute queue:
                    Assert.Equal(trigger["queueName"]!.GetValue<string>(), queue.QueueName);
                    Assert.Equal(trigger["connection"]!.GetValue<string>(), queue.Connection);
                    break;
                case TimerTriggerAttribute timer:
                    Assert.Equal(trigger["schedule"]!.GetValue<string>(), timer.Schedule);
                    break;
                default:
                    Assert.Fail($"{function.Name} has a trigger the local host does not serve");
                    break;
            }
        }
    }

    private static JsonObject TriggerOf(string name)
    {
        var function = Metadata.Value.Single(f => f!["name"]!.GetValue<string>() == name)!;
        return function["bindings"]!.AsArray()
            .Select(b => b!.AsObject())
            .Single(b => b["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal));
    }

    private static JsonArray Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        if (!File.Exists(path))
        {
            path = Path.Combine(RepositoryPaths.Root, "functions", "Serverless.Functions", "bin", RepositoryPaths.Configuration, "net10.0", "functions.metadata");
        }

        Assert.True(File.Exists(path), $"functions.metadata not found at {path}; build the function app first.");
        return JsonNode.Parse(File.ReadAllText(path))!.AsArray();
    }
}
