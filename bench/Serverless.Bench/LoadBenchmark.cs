using System.Diagnostics;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Domain.Ingestion;
using Serverless.Domain.Storage;

namespace Serverless.Bench;

/// <summary>
/// Load through the real trigger: N files uploaded as fast as possible to the local host's container; reports the time
/// until every one is ingested or rejected, and the feed latency seen by readers during the load.
/// </summary>
public static class LoadBenchmark
{
    public static async Task RunAsync(string connectionString, List<(string Name, byte[] Content)> files, string repositoryRoot)
    {
        await using var pipeline = await BenchPipeline.CreateAsync(connectionString, "load");
        var configuration = pipeline.GetRequiredService<IConfiguration>();
        var container = pipeline.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(pipeline.GetRequiredService<IOptions<StorageOptions>>().Value.ArticlesContainer);
        var status = pipeline.GetRequiredService<IngestStatusStore>();
        Console.WriteLine($"\n== Load: {files.Count:N0} files uploaded at once to the local host (blob trigger, host.json parallelism), feeds read meanwhile");
        await using var host = await LocalHostRunner.StartAsync(configuration, repositoryRoot, 7073);

        var feedLatencies = new List<double>();
        var feedErrors = 0;
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{host.Port}/"), Timeout = TimeSpan.FromSeconds(30) };
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.GetAsync("api/topics/ai/feed?limit=20", stop.Token);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref feedErrors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref feedErrors);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                lock (feedLatencies)
                {
                    feedLatencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }

                await Task.Delay(100, CancellationToken.None);
            }
        })).ToList();

        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (file, ct) =>
            await container.GetBlobClient(file.Name).UploadAsync(BinaryData.FromBytes(file.Content), overwrite: true, ct));
        var uploaded = clock.Elapsed;
        Console.WriteLine($"  uploaded                           {uploaded.TotalSeconds,8:F1} s   ({files.Count / uploaded.TotalSeconds:N0} files/s)");

        var final = 0;
        var deadline = TimeSpan.FromMinutes(20);
        while (clock.Elapsed < deadline)
        {
            final = await status.ListAsync(CancellationToken.None).CountAsync(e => e.Status.Status is IngestState.Ingested or IngestState.Rejected);
            if (final >= files.Count)
            {
                break;
            }

            await Task.Delay(1000);
        }

        var done = clock.Elapsed;
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        var sorted = feedLatencies.Order().ToList();
        Console.WriteLine($"  all ingested or rejected           {done.TotalSeconds,8:F1} s   ({final:N0} of {files.Count:N0}, {final / done.TotalSeconds:N0} files/s end to end)");
        Console.WriteLine($"  feeds during the load              {sorted.Count,8:N0} requests, {feedErrors} errors, p50 {sorted[sorted.Count / 2]:F1} ms, p99 {sorted[(int)(sorted.Count * 0.99)]:F1} ms");
    }
}
