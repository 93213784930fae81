using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Serverless.Domain.Ingestion;
using Serverless.Domain.Storage;
using Serverless.IntegrationTests.Support;

namespace Serverless.IntegrationTests.Ingestion;

/// <summary>The recovery walk with pages of two names and one page a run, so that a pass over a container takes several runs.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RecoveryWalkTests
{
    private const int PageSize = 2;
    private readonly AzuriteFixture _azurite;

    public RecoveryWalkTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task EveryPendingBlobIsRecoveredWithinAPassAndEachRunListsOnePage()
    {
        var log = new RequestLog();
        await using var pipeline = await PipelineAsync(log);
        var recovery = pipeline.GetRequiredService<PendingUploadRecovery>();
        var statusTable = pipeline.GetRequiredService<IOptions<StorageOptions>>().Value.IngestStatusTable;
        var names = Enumerable.Range(0, 9).Select(i => $"b{i:D2}.md").ToList();
        foreach (var name in names)
        {
            await UploadAsync(pipeline, name);
            if (name is not ("b06.md" or "b08.md"))
            {
                await IngestAsync(pipeline, name);
            }
        }

        // A pass over 9 names takes 5 runs. Once the walk is past b00, a blob uploaded before it waits for the next pass.
        var recovered = new List<int>();
        for (var run = 0; run < 5; run++)
        {
            log.Clear();
            recovered.Add(await recovery.RecoverAsync(TimeSpan.Zero, CancellationToken.None));
            Assert.Equal(1, log.BlobListings);
            var statusReads = log.TableReads(statusTable);
            // The legacy-key sweep, the cursor and one range read for the page, and the ingest's own point read of the
            // name it recovers: never a read per blob listed.
            Assert.InRange(statusReads.Count, 1, 3 + recovered[^1]);
            Assert.Equal(recovered[^1], statusReads.Count(uri => Uri.UnescapeDataString(uri.AbsolutePath).Contains("PartitionKey='status'", StringComparison.Ordinal)));
            if (run == 0)
            {
                await UploadAsync(pipeline, "a-late.md");
            }
        }

        Assert.Equal([0, 0, 0, 1, 1], recovered);
        Assert.Equal(IngestState.Ingested, await StateAsync(pipeline, "b06.md"));
        Assert.Equal(IngestState.Ingested, await StateAsync(pipeline, "b08.md"));
        Assert.Equal(IngestState.Pending, await StateAsync(pipeline, "a-late.md"));

        // The next pass starts at the first name: the late blob is in its first page; nothing finished is ingested again.
        var nextPass = new List<int>();
        for (var run = 0; run < 5; run++)
        {
            nextPass.Add(await recovery.RecoverAsync(TimeSpan.Zero, CancellationToken.None));
        }

        Assert.Equal([1, 0, 0, 0, 0], nextPass);
        Assert.Equal(IngestState.Ingested, await StateAsync(pipeline, "a-late.md"));
        var cursor = await pipeline.GetRequiredService<IngestStatusStore>().GetRecoveryCursorAsync(PendingUploadRecovery.Walk, CancellationToken.None);
        Assert.Equal(2, cursor!.PassesCompleted);
    }

    [Fact]
    public async Task ARestartedProcessResumesWhereTheLastRunStopped()
    {
        await using var first = await PipelineAsync(new RequestLog());
        var settings = first.GetRequiredService<IConfiguration>().AsEnumerable().ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var name in Enumerable.Range(0, 6).Select(i => $"b{i:D2}.md"))
        {
            await UploadAsync(first, name);
            if (name != "b04.md")
            {
                await IngestAsync(first, name);
            }
        }

        Assert.Equal(0, await first.GetRequiredService<PendingUploadRecovery>().RecoverAsync(TimeSpan.Zero, CancellationToken.None));
        Assert.Equal(0, await first.GetRequiredService<PendingUploadRecovery>().RecoverAsync(TimeSpan.Zero, CancellationToken.None));
        Assert.Equal("b03.md", (await first.GetRequiredService<IngestStatusStore>().GetRecoveryCursorAsync(PendingUploadRecovery.Walk, CancellationToken.None))!.LastBlob);
        // Uploaded again behind the cursor: pending, but not reached before the next pass.
        await UploadAsync(first, "b00.md", "---\ntitle: b00 again\nwebUrl: https://example.com/b00-again\n---\n");
        await first.DisposeAsync();

        await using var second = await PipelineAsync(new RequestLog(), settings);
        var recovered = await second.GetRequiredService<PendingUploadRecovery>().RecoverAsync(TimeSpan.Zero, CancellationToken.None);

        Assert.Equal(1, recovered);
        Assert.Equal(IngestState.Ingested, await StateAsync(second, "b04.md"));
        Assert.Equal(IngestState.Pending, await StateAsync(second, "b00.md"));
        Assert.True((await second.GetRequiredService<IngestStatusStore>().GetRecoveryCursorAsync(PendingUploadRecovery.Walk, CancellationToken.None))!.AtPassStart);
        Assert.Equal(1, await second.GetRequiredService<PendingUploadRecovery>().RecoverAsync(TimeSpan.Zero, CancellationToken.None));
        Assert.Equal(IngestState.Ingested, await StateAsync(second, "b00.md"));
    }

    [Fact]
    public async Task StatusRowsUnderLegacyHashKeysAreStillReadAndAreMoved()
    {
        await using var pipeline = await PipelineAsync(new RequestLog());
        var names = Enumerable.Range(0, 5).Select(i => $"legacy/{i}.md").ToList();
        foreach (var name in names)
        {
            await UploadAsync(pipeline, name);
            await IngestAsync(pipeline, name);
        }

        await UploadAsync(pipeline, "pending.md");
        var table = pipeline.RawTable(o => o.IngestStatusTable);
        await RekeyAsLegacyAsync(table);

        // A status read answers from the legacy row and moves it.
        Assert.Equal(IngestState.Ingested, await StateAsync(pipeline, "legacy/0.md"));
        Assert.NotNull((await table.GetEntityIfExistsAsync<TableEntity>("status", IngestStatusKeys.For("legacy/0.md"))).Value);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("status", IngestStatusKeys.Legacy("legacy/0.md"))).HasValue);

        // The recovery moves the rest (two a run here) before it walks, and ingests only the blob that has no outcome.
        var recovery = pipeline.GetRequiredService<PendingUploadRecovery>();
        var recovered = new List<int>();
        for (var run = 0; run < 8; run++)
        {
            recovered.Add(await recovery.RecoverAsync(TimeSpan.Zero, CancellationToken.None));
        }

        Assert.Equal(1, recovered.Sum());
        Assert.Equal(IngestState.Ingested, await StateAsync(pipeline, "pending.md"));
        var rows = await table.QueryAsync<TableEntity>(e => e.PartitionKey == "status").ToListAsync();
        Assert.Equal(6, rows.Count);
        Assert.All(rows, row => Assert.Equal(IngestStatusKeys.For(row.GetString("BlobName")), row.RowKey));
        Assert.All(names, name => Assert.Contains(rows, row => row.GetString("BlobName") == name && row.GetString("Status") == "Ingested"));
    }

    /// <summary>Puts every status row back under the key the earlier version wrote: the hash of the blob name.</summary>
    private static async Task RekeyAsLegacyAsync(TableClient table)
    {
        foreach (var row in await table.QueryAsync<TableEntity>(e => e.PartitionKey == "status").ToListAsync())
        {
            var legacy = new TableEntity(row) { RowKey = IngestStatusKeys.Legacy(row.GetString("BlobName")), ETag = default };
            await table.AddEntityAsync(legacy);
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }
    }

    private async Task<ServiceProvider> PipelineAsync(RequestLog log, IDictionary<string, string?>? settings = null)
    {
        settings ??= _azurite.IsolatedSettings().ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        settings["Ingestion:RecoverPageSize"] = PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Ingestion:RecoverPagesPerRun"] = "1";
        return await _azurite.CreatePipelineAsync(
            services =>
            {
                services.Replace(ServiceDescriptor.Singleton(_ =>
                {
                    var options = new BlobClientOptions();
                    options.AddPolicy(log, HttpPipelinePosition.PerCall);
                    return new BlobServiceClient(_azurite.ConnectionString, options);
                }));
                services.Replace(ServiceDescriptor.Singleton(_ =>
                {
                    var options = new TableClientOptions();
                    options.AddPolicy(log, HttpPipelinePosition.PerCall);
                    return new TableServiceClient(_azurite.ConnectionString, options);
                }));
            },
            settings);
    }

    private static BlobClient Blob(IServiceProvider pipeline, string name) =>
        pipeline.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(pipeline.GetRequiredService<IOptions<StorageOptions>>().Value.ArticlesContainer).GetBlobClient(name);

    private static Task UploadAsync(IServiceProvider pipeline, string name, string? text = null) =>
        Blob(pipeline, name).UploadAsync(BinaryData.FromString(text ?? $"---\ntitle: {name}\nwebUrl: https://example.com/{name}\n---\n"), overwrite: true);

    private static async Task IngestAsync(IServiceProvider pipeline, string name) =>
        Assert.Equal(IngestState.Ingested, (await pipeline.GetRequiredService<ArticleIngestor>().IngestAsync(Blob(pipeline, name), CancellationToken.None)).State);

    private static async Task<IngestState> StateAsync(IServiceProvider pipeline, string name) =>
        (await pipeline.GetRequiredService<IngestStatusQuery>().GetAsync(name, CancellationToken.None))!.Status;
}
