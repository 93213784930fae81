using System.Diagnostics;
using System.Text.Json;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Domain.Rescoring;

namespace Serverless.Bench;

/// <summary>
/// One rescoring run in a process of its own (<c>bench scaling-run</c>), so its memory is the run's and not that of
/// generating or loading the archive: its storage requests, rows read per table and the raw cost of the same reads.
/// </summary>
public static class ScalingRun
{
    public const string Marker = "SCALING-RUN ";

    /// <summary>
    /// The child's side: runs on the tables named by <paramref name="suffix"/>, <paramref name="runs"/> times or (0)
    /// until the journal is empty, printing a line a run as it goes and one JSON line at the end.
    /// </summary>
    public static async Task<int> RunChildAsync(string connection, string suffix, int runs)
    {
        var counter = new StorageRequestCounter();
        await using var pipeline = await BenchPipeline.CreateAsync(connection, "scale", suffix, services =>
        {
            var tables = new TableClientOptions();
            tables.AddPolicy(counter, HttpPipelinePosition.PerRetry);
            var blobs = new BlobClientOptions();
            blobs.AddPolicy(counter, HttpPipelinePosition.PerRetry);
            services.AddSingleton(new TableServiceClient(connection, tables));
            services.AddSingleton(new BlobServiceClient(connection, blobs));
        });
        var rescore = pipeline.GetRequiredService<RescoreRunner>();
        var before = counter.Requests;
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(true);
        var stopwatch = Stopwatch.StartNew();
        // Runs until the journal is empty: after a bulk load the timer needs several (each stops after Rescore:SecondsPerRun).
        var reports = new List<RescoreReport>();
        do
        {
            reports.Add(await rescore.RunAsync(CancellationToken.None));
            var last = reports[^1];
            Console.Error.WriteLine($"    run {reports.Count}: {last.Changes:N0} changes in {last.Duration.TotalSeconds:F0} s, {last.ArticlesRead:N0} articles read ({last.ArticlesInWindow:N0} in the window), {last.Writes:N0} writes{(last.MoreWaiting ? ", more waiting" : string.Empty)}");
        }
        while (reports[^1].MoreWaiting && (runs == 0 || reports.Count < runs));

        var seconds = stopwatch.Elapsed.TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(true) - allocatedBefore;
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var peak = process.PeakWorkingSet64;
        var requests = counter.Requests - before;
        var articleRows = counter.RowsRead("BenchArticles");
        var indexRows = counter.RowsRead("BenchIndex");
        var storyRows = counter.RowsRead("BenchStory");
        var raw = await ReplayAsync(pipeline.GetRequiredService<TableServiceClient>(), counter.Reads);
        var result = new ScalingFigures(seconds, reports.Sum(r => r.ArticlesRead), articleRows, indexRows, requests, reports.Sum(r => r.Writes), peak / 1048576.0, allocated / 1048576.0)
        {
            RawReadSeconds = raw,
            StoryRowsRead = storyRows,
            Runs = reports.Count,
            MoreWaiting = reports[^1].MoreWaiting,
            ArticlesInWindow = reports.Sum(r => r.ArticlesInWindow),
            StoriesTouched = reports.Sum(r => r.StoriesTouched),
        };
        Console.WriteLine(Marker + JsonSerializer.Serialize(result));
        return 0;
    }

    /// <summary>
    /// The raw cost of the run's reads: each distinct query (table, filter, select) read again in full through a plain
    /// client, and each point read again, four at a time as a run reads.
    /// </summary>
    private static async Task<double> ReplayAsync(TableServiceClient tables, IReadOnlyCollection<Uri> reads)
    {
        var distinct = reads
            .Where(uri => !uri.Query.Contains("NextPartitionKey", StringComparison.Ordinal) && !uri.Query.Contains("NextRowKey", StringComparison.Ordinal))
            .Select(uri => uri.GetLeftPart(UriPartial.Query))
            .Distinct(StringComparer.Ordinal)
            .Select(text => new Uri(text))
            .ToList();
        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(distinct, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (uri, ct) =>
        {
            var resource = Uri.UnescapeDataString(uri.Segments[2]);
            var table = tables.GetTableClient(resource.Split('(')[0]);
            var keys = resource[(resource.IndexOf('(') + 1)..^1];
            if (keys.Length > 0)
            {
                var parts = keys.Split(',').Select(p => p.Split('=', 2)[1].Trim('\'')).ToArray();
                await table.GetEntityIfExistsAsync<TableEntity>(parts[0], parts[1], cancellationToken: ct);
                return;
            }

            var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
            var select = query["$select"]?.Split(',');
            var top = int.TryParse(query["$top"], out var n) ? n : (int?)null;
            await foreach (var page in table.QueryAsync<TableEntity>(query["$filter"], top, select, ct).AsPages())
            {
                if (top is not null)
                {
                    break;
                }
            }
        });
        return stopwatch.Elapsed.TotalSeconds;
    }
}
