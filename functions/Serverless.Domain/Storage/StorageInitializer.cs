using Azure;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Serverless.Domain.Storage;

/// <summary>
/// Creates the containers and tables at start-up: every store registered as an <see cref="IStorageSchema"/> lays out
/// its own. A storage outage must not stop the host from starting (the triggers retry on their own), so failures are
/// logged and retried in the background instead of thrown.
/// </summary>
public sealed partial class StorageInitializer : IHostedService
{
    private readonly IEnumerable<IStorageSchema> _schemas;
    private readonly ILogger<StorageInitializer> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task _background = Task.CompletedTask;

    public StorageInitializer(IEnumerable<IStorageSchema> schemas, ILogger<StorageInitializer> logger)
    {
        _schemas = schemas;
        _logger = logger;
    }

    /// <summary>Creates everything now; throws when storage cannot be reached.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        foreach (var schema in _schemas)
        {
            await schema.EnsureCreatedAsync(cancellationToken);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(20));
            await EnsureCreatedAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is RequestFailedException or OperationCanceledException or AggregateException or IOException)
        {
            LogStorageUnavailable(ex.Message);
            _background = RetryAsync(_stopping.Token);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _background.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    private async Task RetryAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromSeconds(2);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, cancellationToken);
                await EnsureCreatedAsync(cancellationToken);
                LogStorageReady();
                return;
            }
            catch (Exception ex) when (ex is RequestFailedException or AggregateException or IOException)
            {
                // Short: until the layout exists, uploads cannot be ingested.
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 10));
                LogStorageUnavailable(ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage is not reachable yet ({Reason}); retrying in the background. Is Azurite running (scripts/azurite.sh start)?")]
    private partial void LogStorageUnavailable(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage containers and tables are ready")]
    private partial void LogStorageReady();
}
