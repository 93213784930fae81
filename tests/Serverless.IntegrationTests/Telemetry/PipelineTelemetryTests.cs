using System.Diagnostics;
using System.Text;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serverless.Domain.Rescoring;
using Serverless.Domain.Storage;
using Serverless.IntegrationTests.Support;
using Serverless.LocalHost.Blobs;
using Serverless.LocalHost.Catalog;

namespace Serverless.IntegrationTests.Telemetry;

/// <summary>
/// The traces and metrics an ingest, a rescoring run and a feed request export, caught by the in-memory exporter
/// through the hosts' own telemetry setup, against a real Azurite. Names are written out, not taken from the
/// constants: renaming a span or losing a metric breaks dashboards, and must break this test first. Alone (the
/// listeners and meters are process-wide, so other tests' spans and counts would mix in), on an Azurite of its own.
/// </summary>
[Collection(StandaloneCollection.Name)]
public sealed class PipelineTelemetryTests : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly AzuriteFixture _azurite;

    public PipelineTelemetryTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task AnUploadIsOneTraceFromTriggerToStoreAndTheBatchesBehindItLinkToIt()
    {
        var telemetry = new TelemetryCapture();
        await using var pipeline = await _azurite.CreatePipelineAsync(telemetry.AddTo);
        TelemetryCapture.Start(pipeline);
        var storage = pipeline.GetRequiredService<IOptions<StorageOptions>>().Value;
        var container = pipeline.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(storage.ArticlesContainer);
        var good = await UploadAsync(container, "telemetry/good.md", "---\ntitle: Traced\nwebUrl: https://example.com/traced\nquality: 99\ntopics: [AI]\n---\nBody.\n");
        var bad = await UploadAsync(container, "telemetry/bad.md", "---\ntitle: Not traced\nquality: high\n---\n");
        var dispatcher = new BlobFunctionDispatcher(FunctionCatalog.ForFunctionApp(), new FunctionInvoker(pipeline, NullLogger<FunctionInvoker>.Instance));

        await dispatcher.InvokeAsync("IngestArticle", good, "New blob detected(LogsAndContainerScan): telemetry/good.md", CancellationToken.None);
        await dispatcher.InvokeAsync("IngestArticle", bad, "New blob detected(LogsAndContainerScan): telemetry/bad.md", CancellationToken.None);

        // The trigger's span is the trace's root; the download and the ingest below it; parse, store and the queued
        // writes below the ingest; the store's table and blob calls below the store.
        var trigger = Assert.Single(telemetry.Spans, s => s.DisplayName == "IngestArticle" && (string?)s.GetTagItem("faas.invocation_id") is not null && HasIngestOf(telemetry, s, "telemetry/good.md"));
        Assert.Equal(default, trigger.ParentSpanId);
        Assert.Equal(ActivityKind.Consumer, trigger.Kind);
        var trace = telemetry.Spans.Where(s => s.TraceId == trigger.TraceId).ToList();
        Assert.Contains(ChildrenOf(trace, trigger), s => s.Source.Name == "Azure.Storage.Blobs.BlobBaseClient");
        var ingest = Assert.Single(ChildrenOf(trace, trigger), s => s.DisplayName == "ingest");
        Assert.Equal("Serverless.NewsPipeline", ingest.Source.Name);
        Assert.Equal(["ingest.parse", "ingest.store", "ingest.write-behind"], ChildrenOf(trace, ingest).OrderBy(s => s.StartTimeUtc).Select(s => s.DisplayName));
        var store = Assert.Single(ChildrenOf(trace, ingest), s => s.DisplayName == "ingest.store");
        Assert.Contains(ChildrenOf(trace, store), s => s.Source.Name == "Azure.Data.Tables.TableClient");
        var queued = Assert.Single(ChildrenOf(trace, ingest), s => s.DisplayName == "ingest.write-behind");

        // The status and index rows go out in batches shared between uploads: each batch is a trace of its own,
        // linked to the span that queued its writes, with its table call below it.
        var batches = await Poll.UntilAsync(
            () => Task.FromResult(telemetry.Spans.Where(s => s.DisplayName == "table.write-batch" && s.Links.Any(l => l.Context == queued.Context)).ToList()),
            found => found.Select(s => (string?)s.GetTagItem("db.collection.name")).Distinct().Count() == 2,
            Deadline,
            "the status and index batches linked to the upload");
        Assert.Equal(
            new[] { storage.IngestStatusTable, storage.TopicIndexTable }.Order(StringComparer.Ordinal),
            batches.Select(s => (string)s.GetTagItem("db.collection.name")!).Distinct().Order(StringComparer.Ordinal));
        Assert.All(batches, batch =>
        {
            Assert.Equal(default, batch.ParentSpanId);
            Assert.NotEqual(trigger.TraceId, batch.TraceId);
            Assert.Contains(telemetry.Spans, s => s.ParentSpanId == batch.SpanId && s.Source.Name == "Azure.Data.Tables.TableClient");
        });

        // The rejected upload's status batch links to its ingest span (a rejection queues its status there).
        var rejectedIngest = Assert.Single(telemetry.Spans, s => s.DisplayName == "ingest" && (string?)s.GetTagItem("blob.name") == "telemetry/bad.md");
        await Poll.UntilAsync(
            () => Task.FromResult(telemetry.Spans.Count(s => s.DisplayName == "table.write-batch" && s.Links.Any(l => l.Context == rejectedIngest.Context))),
            count => count == 1,
            Deadline,
            "the rejected upload's status batch");

        Assert.Equal(1, Assert.Single(telemetry.Points(pipeline, "pipeline.articles.ingested")).GetSumLong());
        var rejected = Assert.Single(telemetry.Points(pipeline, "pipeline.articles.rejected"));
        Assert.Equal(1, rejected.GetSumLong());
        Assert.Equal("error.code=wrong-type", TelemetryCapture.TagsOf(rejected));
        var outcomes = telemetry.Points(pipeline, "pipeline.upload.time_to_outcome");
        Assert.Equal(["ingest.outcome=ingested", "ingest.outcome=rejected"], outcomes.Select(TelemetryCapture.TagsOf).Order(StringComparer.Ordinal));
        Assert.All(outcomes, point => Assert.Equal(1, point.GetHistogramCount()));
    }

    [Fact]
    public async Task ARescoringRunIsOneTraceWithASpanPerPhaseAndItsMetrics()
    {
        var telemetry = new TelemetryCapture();
        await using var pipeline = await _azurite.CreatePipelineAsync(telemetry.AddTo);
        TelemetryCapture.Start(pipeline);
        var ingestor = pipeline.GetRequiredService<Serverless.Domain.Ingestion.ArticleIngestor>();
        await ingestor.IngestContentAsync("r.md", Encoding.UTF8.GetBytes("---\ntitle: Rescored\nwebUrl: https://example.com/r\nquality: 99\ntopics: [AI]\n---\n"), null, CancellationToken.None);

        var report = await pipeline.GetRequiredService<RescoreRunner>().RunAsync(CancellationToken.None);

        var run = Assert.Single(telemetry.Spans, s => s.DisplayName == "rescore");
        Assert.Equal(default, run.ParentSpanId);
        var phases = telemetry.Spans.Where(s => s.ParentSpanId == run.SpanId && s.Source.Name == "Serverless.NewsPipeline").OrderBy(s => s.StartTimeUtc).ToList();
        Assert.Equal(
            ["rescore.lease", "rescore.journal-read", "rescore.load", "rescore.plan", "rescore.scores", "rescore.index-rows", "rescore.stories", "rescore.counts", "rescore.journal"],
            phases.Select(s => s.DisplayName));
        Assert.All(phases, phase => Assert.Equal(run.TraceId, phase.TraceId));
        Assert.All(phases, phase => Assert.InRange(phase.StartTimeUtc, run.StartTimeUtc, run.StartTimeUtc + run.Duration));
        Assert.Contains(telemetry.Spans, s => s.ParentSpanId == run.SpanId && s.Source.Name.StartsWith("Azure.", StringComparison.Ordinal));

        Assert.Equal(1, Assert.Single(telemetry.Points(pipeline, "pipeline.rescore.duration")).GetHistogramCount());
        Assert.True(report.Writes > 0);
        Assert.Equal(report.Writes, Assert.Single(telemetry.Points(pipeline, "pipeline.rescore.writes")).GetSumLong());
    }

    [Fact]
    public async Task AFeedRequestCarriesItsStorageCallsAndCountsByFormat()
    {
        var telemetry = new TelemetryCapture();
        // No page cache: every request with a format reads its page from the index.
        await using var pipeline = await _azurite.CreatePipelineAsync(telemetry.AddTo, new Dictionary<string, string?> { ["Feeds:PageCacheSeconds"] = "0" });
        TelemetryCapture.Start(pipeline);
        var invoker = new FunctionInvoker(pipeline, NullLogger<FunctionInvoker>.Instance);
        var feed = FunctionCatalog.ForFunctionApp().OfKind(TriggerKind.Http).Single(f => f.Name == "GetTopicFeed");

        foreach (var format in new[] { "rss", "rss", "atom", "bogus" })
        {
            var context = new DefaultHttpContext { RequestServices = pipeline };
            context.Request.Scheme = "http";
            context.Request.Host = new HostString("localhost", 7071);
            context.Request.Path = "/api/topics/ai/feed";
            context.Request.QueryString = new QueryString($"?format={format}");
            await invoker.InvokeAsync(feed, (parameter, _) => ValueTask.FromResult<object?>(parameter.ParameterType == typeof(HttpRequest) ? context.Request : "ai"), CancellationToken.None);
        }

        var requests = telemetry.Spans.Where(s => s.DisplayName == "GetTopicFeed").ToList();
        Assert.Equal(4, requests.Count);
        Assert.All(requests.Take(3), request => Assert.Contains(telemetry.Spans, s => s.ParentSpanId == request.SpanId && s.Source.Name == "Azure.Data.Tables.TableClient"));
        var counted = telemetry.Points(pipeline, "pipeline.feed.requests").ToDictionary(TelemetryCapture.TagsOf, p => p.GetSumLong());
        Assert.Equal(
            new Dictionary<string, long>
            {
                ["feed.endpoint=topic-feed,feed.format=atom"] = 1,
                ["feed.endpoint=topic-feed,feed.format=invalid"] = 1,
                ["feed.endpoint=topic-feed,feed.format=rss"] = 2,
            },
            counted);
    }

    private static bool HasIngestOf(TelemetryCapture telemetry, Activity trigger, string blob) =>
        telemetry.Spans.Any(s => s.ParentSpanId == trigger.SpanId && s.DisplayName == "ingest" && (string?)s.GetTagItem("blob.name") == blob);

    private static List<Activity> ChildrenOf(List<Activity> trace, Activity parent) => [.. trace.Where(s => s.ParentSpanId == parent.SpanId)];

    private static async Task<BlobClient> UploadAsync(BlobContainerClient container, string name, string text)
    {
        var blob = container.GetBlobClient(name);
        await blob.UploadAsync(BinaryData.FromString(text), overwrite: true);
        return blob;
    }
}
