using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Serverless.Bench;

/// <summary>
/// The feed endpoint through the local host, driven by wrk from a second process (loopback, bounded duration), beside
/// a raw single-partition Table query of the same rows at the same concurrency.
/// </summary>
public static partial class FeedBenchmark
{
    private const int Connections = 4;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(10);

    public static async Task RunAsync(IServiceProvider pipeline, string repositoryRoot)
    {
        var configuration = pipeline.GetRequiredService<IConfiguration>();
        var index = pipeline.RawTable(o => o.TopicIndexTable);
        var topic = "ai-in-robotics";
        var rows = await index.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {topic}"), select: ["RowKey"]).CountAsync();
        Console.WriteLine($"\n== Feeds: topic '{topic}' with {rows:N0} published articles; wrk {Connections} connections x {Duration.TotalSeconds:F0} s per case");
        if (!File.Exists("/usr/bin/wrk"))
        {
            Console.WriteLine("  wrk is not installed (apt-get install wrk): skipped");
            return;
        }

        var stories = new[] { (Size: 20, Id: await StoryPageLoader.WriteAsync(pipeline, 20)), (Size: 2_000, Id: await StoryPageLoader.WriteAsync(pipeline, 2_000)) };
        var port = 7072;
        // The page cache off: every request is a storage read, compared like for like with the raw query.
        await using var host = await LocalHostRunner.StartAsync(configuration, repositoryRoot, port, new Dictionary<string, string> { ["Feeds__PageCacheSeconds"] = "0" });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        var firstPage = $"api/topics/{topic}/feed?limit=20";
        var deepPage = await DeepPageAsync(http, topic, pages: 50);

        foreach (var (label, path, after) in new[] { ("page 1", firstPage, (string?)null), ($"page {deepPage.Page} (deep)", deepPage.Path, deepPage.After) })
        {
            var feed = await WrkAsync($"http://127.0.0.1:{port}/{path}");
            var raw = await RawQueryAsync(index, topic, after);
            Console.WriteLine($"  feed {label,-28} {feed.Rate,8:N0} req/s   p50 {feed.P50,6:F1} ms   p99 {feed.P99,6:F1} ms");
            Console.WriteLine($"  raw table query, same rows        {raw.Rate,8:N0} req/s   p50 {raw.P50,6:F1} ms   p99 {raw.P99,6:F1} ms");
            Console.WriteLine($"  ratio feed / raw                  {feed.Rate / raw.Rate,8:P0}");
        }

        // Story pages: the first page (50 members, JSON) of a small and a large story, beside the raw range read of
        // the same rows and the head's point read, which the page makes at the same time.
        var storiesTable = pipeline.RawTable(o => o.StoriesTable);
        foreach (var (size, id) in stories)
        {
            var page = await WrkAsync($"http://127.0.0.1:{port}/api/stories/{id}");
            var raw = await RawStoryQueryAsync(storiesTable, id);
            Console.WriteLine($"  story page 1, {size,5:N0} members      {page.Rate,8:N0} req/s   p50 {page.P50,6:F1} ms   p99 {page.P99,6:F1} ms");
            Console.WriteLine($"  raw range + point read, same rows {raw.Rate,8:N0} req/s   p50 {raw.P50,6:F1} ms   p99 {raw.P99,6:F1} ms");
            Console.WriteLine($"  ratio story page / raw            {page.Rate / raw.Rate,8:P0}");
        }
    }

    private static async Task<(string Path, string? After, int Page)> DeepPageAsync(HttpClient http, string topic, int pages)
    {
        var path = $"api/topics/{topic}/feed?limit=20";
        var page = 1;
        for (var i = 0; i < pages; i++)
        {
            var current = await http.GetFromJsonAsync<JsonElement>(path);
            if (current.GetProperty("next").GetString() is not { } next)
            {
                break;
            }

            path = new Uri(next).PathAndQuery.TrimStart('/');
            page++;
        }

        // The cursor's payload (before the signature) is the row key the page starts after: the raw query reads from there too.
        var cursor = Uri.UnescapeDataString(path.Split("cursor=")[1].Split('&')[0]).Split('.')[0].Replace('-', '+').Replace('_', '/');
        var payload = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(cursor.PadRight(cursor.Length + ((4 - (cursor.Length % 4)) % 4), '=')));
        return (path, payload.Split('\n')[1], page);
    }

    private static async Task<(double Rate, double P50, double P99)> WrkAsync(string url)
    {
        var start = new ProcessStartInfo("wrk", $"-t2 -c{Connections} -d{Duration.TotalSeconds:F0}s --latency \"{url}\"") { RedirectStandardOutput = true, UseShellExecute = false };
        using var wrk = Process.Start(start)!;
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var rate = double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        return (rate, Latency(output, "50%"), Latency(output, "99%"));
    }

    private static double Latency(string output, string percentile)
    {
        var match = Regex.Match(output, $@"^\s+{Regex.Escape(percentile)}\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    /// <summary>The same 20 rows read straight from the partition, at the same concurrency, for the same time.</summary>
    private static Task<(double Rate, double P50, double P99)> RawQueryAsync(TableClient table, string topic, string? after) =>
        TimeAsync(async () =>
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {topic} and RowKey gt {after ?? string.Empty}");
            await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: 21).AsPages())
            {
                _ = page.Values.Count;
                break;
            }
        });

    /// <summary>A story page's reads made straight: the head's point read beside the range read of 51 member rows.</summary>
    private static Task<(double Rate, double P50, double P99)> RawStoryQueryAsync(TableClient table, string storyId) =>
        TimeAsync(async () =>
        {
            var head = table.GetEntityIfExistsAsync<TableEntity>($"s{storyId}", "h");
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {"s" + storyId} and RowKey gt {"m"} and RowKey lt {"n"}");
            await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: 51).AsPages())
            {
                _ = page.Values.Count;
                break;
            }

            await head;
        });

    /// <summary>Runs <paramref name="read"/> at the benchmark's concurrency for its duration: rate and latency percentiles.</summary>
    private static async Task<(double Rate, double P50, double P99)> TimeAsync(Func<Task> read)
    {
        var latencies = new List<double>();
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Connections).Select(async _ =>
        {
            while (stopwatch.Elapsed < Duration)
            {
                var started = Stopwatch.GetTimestamp();
                await read();

                lock (latencies)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        }));
        var sorted = latencies.Order().ToList();
        return (sorted.Count / stopwatch.Elapsed.TotalSeconds, sorted[sorted.Count / 2], sorted[(int)(sorted.Count * 0.99)]);
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();
}
