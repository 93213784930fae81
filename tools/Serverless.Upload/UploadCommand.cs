using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Configuration;
using Serverless.Domain.Storage;

namespace Serverless.Upload;

/// <summary>
/// <c>upload PATH... [--prefix P] [--api URL] [--timeout S] [--no-wait] [--rescore]</c>: uploads files (folders
/// recursively) to the articles container (created only if missing: an uploader in Azure needs no role beyond that
/// container), asks the status endpoint what became of each, prints a summary, and with
/// --rescore runs a rescoring (key from FUNCTION_KEY) so new articles join their stories at once. For a local host
/// (a loopback --api) each upload is announced to the host's blob webhook as Event Grid announces it in Azure.
/// Exit code: 0 all ingested, 2 some rejected, 1 upload failures or files still pending at the deadline.
/// </summary>
public static class UploadCommand
{
    private const int Parallelism = 8;

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors, CancellationToken cancellationToken) =>
        RunAsync(args, new ConfigurationBuilder().AddEnvironmentVariables().Build(), output, errors, cancellationToken);

    /// <summary>As above, with the settings (storage connection, ArticlesContainer, FUNCTION_KEY) from <paramref name="configuration"/>.</summary>
    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        var paths = new List<string>();
        string prefix = string.Empty, api = "http://localhost:7071/api";
        var timeout = TimeSpan.FromSeconds(120);
        var wait = true;
        var rescore = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--prefix": prefix = args[++i].Trim('/') + "/"; break;
                case "--api": api = args[++i].TrimEnd('/'); break;
                case "--timeout": timeout = TimeSpan.FromSeconds(double.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture)); break;
                case "--no-wait": wait = false; break;
                case "--rescore": rescore = true; break;
                case "-h" or "--help":
                    output.WriteLine("usage: upload PATH... [--prefix FOLDER] [--api http://localhost:7071/api] [--timeout 120] [--no-wait] [--rescore]");
                    output.WriteLine("Storage: the AzureWebJobsStorage environment variable (default: Azurite, UseDevelopmentStorage=true).");
                    output.WriteLine("A loopback --api gets a BlobCreated event per upload on its blob webhook, as Event Grid sends in Azure (key: FUNCTION_KEY).");
                    return 0;
                default: paths.Add(args[i]); break;
            }
        }

        var files = CollectFiles(paths, prefix, errors);
        if (files.Count == 0)
        {
            errors.WriteLine("Nothing to upload: name one or more files or folders, for example: upload demo/articles");
            return 1;
        }

        if (configuration[StorageOptions.ConnectionName] is null && !configuration.GetSection(StorageOptions.ConnectionName).GetChildren().Any())
        {
            // Neither a connection string nor an identity-based connection (AzureWebJobsStorage__accountName): Azurite.
            configuration[StorageOptions.ConnectionName] = "UseDevelopmentStorage=true";
        }

        // Not created here: only an upload that finds the container missing creates it (see UploadFileAsync).
        var container = new StorageClientFactory(configuration).CreateBlobServiceClient()
            .GetBlobContainerClient(configuration["ArticlesContainer"] ?? "articles");

        using var notifier = BlobCreatedNotifier.WebhookFor(api) is { } webhook ? new BlobCreatedNotifier(webhook, configuration["FUNCTION_KEY"]) : null;
        ConcurrentDictionary<string, string> failedUploads;
        try
        {
            failedUploads = await UploadAsync(container, files, notifier, errors, cancellationToken);
        }
        catch (ContainerUpload.ContainerMissingException ex)
        {
            errors.WriteLine(ex.Message);
            return 1;
        }

        var uploaded = files.Where(f => !failedUploads.ContainsKey(f.BlobName)).ToList();
        output.WriteLine($"Uploaded {uploaded.Count} of {files.Count} files to container '{container.Name}'.");
        foreach (var (blob, error) in failedUploads)
        {
            output.WriteLine($"  upload failed  {blob}: {error}");
        }

        ReportEvents(api, notifier, output, errors);

        if (!wait)
        {
            return failedUploads.IsEmpty ? 0 : 1;
        }

        var statuses = await WaitForStatusesAsync(api, uploaded, timeout, errors, cancellationToken);
        var exitCode = Summarize(statuses, failedUploads.Count, output);
        if (rescore)
        {
            // Joins the new articles to stories across everything now rather than at the next timer run.
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{api}/manage/rescore");
            if (configuration["FUNCTION_KEY"] is { Length: > 0 } key)
            {
                request.Headers.Add("x-functions-key", key);
            }

            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                output.WriteLine(response.IsSuccessStatusCode
                    ? $"Rescored: {await response.Content.ReadAsStringAsync(cancellationToken)}"
                    : $"Rescoring failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
            catch (HttpRequestException ex)
            {
                errors.WriteLine($"Could not reach {api}/manage/rescore ({ex.Message}); the timer will rescore within 15 minutes.");
            }
        }

        return exitCode;
    }

    private static List<(string Path, string BlobName)> CollectFiles(List<string> paths, string prefix, TextWriter errors)
    {
        var files = new List<(string, string)>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    files.Add((file, prefix + Path.GetRelativePath(path, file).Replace('\\', '/')));
                }
            }
            else if (File.Exists(path))
            {
                files.Add((path, prefix + Path.GetFileName(path)));
            }
            else
            {
                errors.WriteLine($"Skipping '{path}': no such file or folder.");
            }
        }

        return files;
    }

    private static void ReportEvents(string api, BlobCreatedNotifier? notifier, TextWriter output, TextWriter errors)
    {
        if (notifier is null)
        {
            output.WriteLine($"No events sent: {api} is not a local host, and in Azure Event Grid delivers the BlobCreated events.");
            return;
        }

        output.WriteLine($"Announced {notifier.Delivered} uploads with a BlobCreated event to the local host's blob webhook ({notifier.Webhook}), as Event Grid does in Azure.");
        foreach (var (blob, reason) in notifier.Failed.OrderBy(f => f.Key, StringComparer.Ordinal).Take(5))
        {
            errors.WriteLine($"warning: the BlobCreated event for {blob} was not delivered ({reason}).");
        }

        if (!notifier.Failed.IsEmpty)
        {
            errors.WriteLine(
                $"warning: {notifier.Failed.Count} events not delivered. Those files are kept and still ingested: by the recovery timer " +
                "once Ingestion__RecoverAfterSeconds have passed, or sooner by the local host's polling listener.");
        }
    }

    private static async Task<ConcurrentDictionary<string, string>> UploadAsync(
        BlobContainerClient container, List<(string Path, string BlobName)> files, BlobCreatedNotifier? notifier, TextWriter errors, CancellationToken cancellationToken)
    {
        var failed = new ConcurrentDictionary<string, string>();
        var progress = new ProgressBar(errors, "upload", files.Count);
        var done = 0;
        // Once for all parallel uploads: the first to find the container missing creates it, the others wait for that.
        var createContainer = new Lazy<Task>(() => ContainerUpload.CreateContainerAsync(container, cancellationToken));
        try
        {
            await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (file, ct) =>
            {
                try
                {
                    await using var stream = File.OpenRead(file.Path);
                    var blob = container.GetBlobClient(file.BlobName);
                    var uploaded = await ContainerUpload.UploadFileAsync(blob, stream, createContainer, ct);
                    if (notifier is not null)
                    {
                        await notifier.NotifyAsync(blob, uploaded, stream.Length, ct);
                    }
                }
                catch (Exception ex) when (ex is Azure.RequestFailedException or IOException or UnauthorizedAccessException)
                {
                    failed[file.BlobName] = ex.Message.Split('\n')[0];
                }

                lock (progress)
                {
                    progress.Report(++done);
                }
            });
        }
        finally
        {
            // Ends the progress line before any message, also when the container is missing and nothing was uploaded.
            progress.Complete(done);
        }

        return failed;
    }

    private static async Task<Dictionary<string, JsonElement?>> WaitForStatusesAsync(
        string api, List<(string Path, string BlobName)> files, TimeSpan timeout, TextWriter errors, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var statuses = files.ToDictionary(f => f.BlobName, _ => (JsonElement?)null, StringComparer.Ordinal);
        var progress = new ProgressBar(errors, "ingest", files.Count);
        var deadline = DateTime.UtcNow + timeout;
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            var pending = statuses.Where(s => !IsFinal(s.Value)).Select(s => s.Key).ToList();
            await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (blob, ct) =>
            {
                try
                {
                    using var response = await http.GetAsync($"{api}/ingest/status?blob={Uri.EscapeDataString(blob)}", ct);
                    if (response.StatusCode is HttpStatusCode.OK)
                    {
                        var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement.Clone();
                        lock (statuses)
                        {
                            statuses[blob] = status;
                        }
                    }
                }
                catch (HttpRequestException)
                {
                    // The host may not be up yet; the deadline bounds the wait.
                }
            });

            var final = statuses.Count(s => IsFinal(s.Value));
            progress.Report(final);
            if (final == statuses.Count || DateTime.UtcNow > deadline)
            {
                progress.Complete(final);
                if (final < statuses.Count && pending.Count > 0)
                {
                    errors.WriteLine($"Still pending after {timeout.TotalSeconds:F0} s. Is the pipeline running (scripts/run.sh) and reachable at {api}?");
                }

                return statuses;
            }

            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.5, 2_000));
        }
    }

    private static bool IsFinal(JsonElement? status) =>
        status is { } s && s.GetProperty("status").GetString() is "ingested" or "rejected" or "suppressed" or "retracted" or "deleted";

    private static int Summarize(Dictionary<string, JsonElement?> statuses, int failedUploads, TextWriter output)
    {
        int ingested = 0, rejected = 0, pending = 0, withheld = 0;
        foreach (var (blob, status) in statuses.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            switch (status?.GetProperty("status").GetString())
            {
                case "ingested":
                    ingested++;
                    break;
                case "rejected":
                    rejected++;
                    output.WriteLine($"  rejected  {blob}: {status.Value.GetProperty("error").GetString()}");
                    break;
                case "suppressed" or "retracted" or "deleted":
                    // Final too: an editor took the article down, or the file was deleted while the tool waited.
                    withheld++;
                    output.WriteLine($"  {status.Value.GetProperty("status").GetString(),-9} {blob}: {(status.Value.TryGetProperty("detail", out var detail) ? detail.GetString() : null)}");
                    break;
                default:
                    pending++;
                    output.WriteLine($"  pending   {blob}");
                    break;
            }
        }

        output.WriteLine($"Summary: {ingested} ingested, {rejected} rejected, {withheld} withheld (suppressed, retracted or deleted), {pending} pending, {failedUploads} failed to upload.");
        return pending > 0 || failedUploads > 0 ? 1 : rejected > 0 || withheld > 0 ? 2 : 0;
    }
}
