using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Serverless.IntegrationTests.Support;

/// <summary>The local host (functions/Serverless.LocalHost) as its own process, as a developer runs it.</summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _output = new();
    private readonly Dictionary<string, string> _environment;
    private Process? _process;

    public LocalHostProcess(IDictionary<string, string> environment)
    {
        Port = LoopbackPorts.Free();
        _environment = new Dictionary<string, string>(environment)
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port}",
        };
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public bool IsRunning => _process is { HasExited: false };

    public string Output => string.Join('\n', _output);

    /// <summary>The last <paramref name="maxChars"/> characters of the output, read once: the host keeps writing.</summary>
    public string OutputTail(int maxChars)
    {
        var output = Output;
        return output[^Math.Min(output.Length, maxChars)..];
    }

    public static string AssemblyPath =>
        Path.Combine(RepositoryPaths.Root, "functions", "Serverless.LocalHost", "bin", RepositoryPaths.Configuration, "net10.0", "Serverless.LocalHost.dll");

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet", $"\"{AssemblyPath}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(AssemblyPath)!,
        };
        // The host's rescoring runs flush its own queued index writes first, so tests need not wait out the settle time.
        start.Environment["Rescore__SettleSeconds"] = "0";
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("The local host did not start.");
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The local host exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync("api/ingest/status?blob=__probe__");
                if (Output.Contains("Functions:", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The local host did not answer within 60 s:\n{Output}");
            }

            await Task.Delay(200);
        }
    }

    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
