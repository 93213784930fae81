using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Serverless.IntegrationTests.Support;

/// <summary>
/// A real Azurite (the version pinned in package.json) on free loopback ports: in memory, or on a data folder so
/// that it can be stopped and started again with its data kept (fault tests).
/// </summary>
public sealed class AzuriteInstance : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly string? _dataDirectory;
    private Process? _process;

    public AzuriteInstance(string? dataDirectory = null)
    {
        _dataDirectory = dataDirectory;
        BlobPort = LoopbackPorts.Free();
        QueuePort = LoopbackPorts.Free();
        TablePort = LoopbackPorts.Free();
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    public bool IsRunning => _process is { HasExited: false };

    public async Task StartAsync()
    {
        var executable = Path.Combine(RepositoryPaths.Root, "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            await RunAsync("npm", "ci --no-audit --no-fund --loglevel=error", RepositoryPaths.Root);
        }

        var arguments = $"--blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 --blobPort {BlobPort} --queuePort {QueuePort} " +
            $"--tablePort {TablePort} --skipApiVersionCheck --disableTelemetry --silent " +
            (_dataDirectory is null ? "--inMemoryPersistence" : $"--location \"{_dataDirectory}\"");
        _process = Process.Start(new ProcessStartInfo(executable, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("Azurite did not start.");
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line && errors.Count < 20)
            {
                errors.Enqueue(line);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(PortOpen(BlobPort) && PortOpen(QueuePort) && PortOpen(TablePort)))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                if (_process.HasExited)
                {
                    // Lets the redirected streams deliver what the process wrote before it exited.
                    await _process.WaitForExitAsync();
                }

                throw new InvalidOperationException(
                    $"Azurite did not accept connections on {BlobPort}/{QueuePort}/{TablePort} within 30 s" +
                    (_process.HasExited ? $" (it exited with code {_process.ExitCode}: {string.Join(" | ", errors)})." : "."));
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Stops Azurite as an outage would: it stops answering, and what it acknowledged is kept (SIGTERM lets it flush
    /// its metadata; a SIGKILL would lose acknowledged writes, which real storage never does).
    /// </summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            using (var term = Process.Start(new ProcessStartInfo("kill", $"-TERM {process.Id}") { UseShellExecute = false }))
            {
                await term!.WaitForExitAsync();
            }

            // Azurite saves its database on SIGTERM; under load that can take a while, and a kill mid-save loses data.
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static bool PortOpen(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task RunAsync(string file, string arguments, string directory)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { WorkingDirectory = directory, UseShellExecute = false })!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {arguments}' failed with exit code {process.ExitCode}.");
        }
    }
}
