using System.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace Serverless.Bench;

/// <summary>The local host (Release build) as a second process, configured with a benchmark pipeline's settings.</summary>
public sealed class LocalHostRunner : IAsyncDisposable
{
    private readonly Process _process;

    private LocalHostRunner(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static async Task<LocalHostRunner> StartAsync(IConfiguration configuration, string repositoryRoot, int port, IDictionary<string, string>? extra = null)
    {
        var hostDll = Path.Combine(repositoryRoot, "functions", "Serverless.LocalHost", "bin", "Release", "net10.0", "Serverless.LocalHost.dll");
        var start = new ProcessStartInfo("dotnet", $"\"{hostDll}\"")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
        };
        foreach (var (key, value) in configuration.AsEnumerable().Where(kv => kv.Value is not null))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync("api/topics");
                if (response.IsSuccessStatusCode)
                {
                    return new LocalHostRunner(process, port);
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow > deadline || process.HasExited)
            {
                throw new TimeoutException("The local host did not answer within 60 s.");
            }

            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
