using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Host.Timers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serverless.LocalHost.Catalog;
using Serverless.LocalHost.Queues;

namespace Serverless.LocalHost.Blobs;

/// <summary>
/// Runs the WebJobs SDK blob listener (and the queue listener of the deletions queue) in a job host of its own and starts a new one whenever it fails, while the HTTP
/// side keeps serving. The WebJobs SDK ends the process on an unhandled listener error (for example a blob receipt
/// whose lease expired during a storage outage); the Functions host instead restarts its script host, and so does
/// this. A job host that cannot start (storage unreachable) is retried with back-off instead of failing start-up.
/// </summary>
public sealed class BlobListenerSupervisor : BackgroundService
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetryDelay = TimeSpan.FromSeconds(30);

    // A job host that fails sooner than this after starting is failing for the same reason (storage still down), so
    // the back-off keeps growing instead of restarting it every second.
    private static readonly TimeSpan HealthyRunTime = TimeSpan.FromMinutes(1);
    private readonly IConfiguration _configuration;
    private readonly ILoggerFactory _loggerFactory;
    private readonly BlobFunctionDispatcher _dispatcher;
    private readonly QueueFunctionDispatcher _queueDispatcher;
    private readonly FunctionCatalog _catalog;
    private readonly ITypeLocator _typeLocator;
    private readonly ILogger<BlobListenerSupervisor> _logger;

    public BlobListenerSupervisor(
        IConfiguration configuration,
        ILoggerFactory loggerFactory,
        BlobFunctionDispatcher dispatcher,
        QueueFunctionDispatcher queueDispatcher,
        FunctionCatalog catalog,
        ITypeLocator typeLocator,
        ILogger<BlobListenerSupervisor> logger)
    {
        _configuration = configuration;
        _loggerFactory = loggerFactory;
        _dispatcher = dispatcher;
        _queueDispatcher = queueDispatcher;
        _catalog = catalog;
        _typeLocator = typeLocator;
        _logger = logger;
    }

    /// <summary>How many job hosts were started; more than one means the listener was restarted.</summary>
    public int Generation { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retryDelay = FirstRetryDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            var failure = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
            var jobHost = BuildJobHost(failure);
            try
            {
                await QueueProvisioner.EnsureCreatedAsync(_catalog, _configuration, stoppingToken);
                await jobHost.StartAsync(stoppingToken);
                Generation++;
                if (Generation > 1)
                {
                    _logger.LogInformation("Blob listener restarted (job host {Generation}).", Generation);
                }

                var started = DateTime.UtcNow;
                var stopped = Task.Delay(Timeout.Infinite, stoppingToken);
                if (await Task.WhenAny(failure.Task, stopped) != failure.Task)
                {
                    break;
                }

                if (DateTime.UtcNow - started > HealthyRunTime)
                {
                    retryDelay = FirstRetryDelay;
                }

                _logger.LogError(
                    failure.Task.Result,
                    "The blob listener failed and is restarted in {Delay} s. Blobs it was processing keep no receipt and are picked up again.",
                    retryDelay.TotalSeconds);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                _logger.LogError(
                    exception,
                    "The blob listener could not start; retrying in {Delay} s. Check that storage is reachable through the AzureWebJobsStorage setting (is Azurite running?).",
                    retryDelay.TotalSeconds);
            }
            finally
            {
                await StopAsync(jobHost);
            }

            try
            {
                await Task.Delay(retryDelay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, LastRetryDelay.Ticks));
        }
    }

    private IHost BuildJobHost(TaskCompletionSource<Exception> failure) =>
        new HostBuilder()
            .UseContentRoot(AppContext.BaseDirectory)
            .ConfigureAppConfiguration(configuration => configuration.AddConfiguration(_configuration))
            .ConfigureServices(services =>
            {
                // Registered as instances, so disposing a failed job host leaves the application's services alone.
                services.AddSingleton(_loggerFactory);
                services.AddSingleton(_dispatcher);
                services.AddSingleton(_queueDispatcher);
                services.AddSingleton(_typeLocator);
                // The application's host owns the console and its shutdown signals; the job host is only stopped by it.
                services.AddSingleton<IHostLifetime, SupervisedLifetime>();
            })
            .ConfigureWebJobs(webJobs =>
            {
                // A fixed host id keeps blob receipts (azure-webjobs-hosts/blobreceipts/{hostId}/...) valid across
                // restarts, so a restart does not re-run every blob; the generated adapter assembly would vary it.
                webJobs.UseHostId(_configuration["LocalHost:HostId"] ?? "serverless-localhost");
                // No AddAzureStorageCoreServices: its blob-lease lock would keep a restarted host waiting for the lease
                // a killed one left behind; a single local host needs only the in-memory lock.
                webJobs.AddAzureStorageBlobs(blobs => LocalHostBlobOptions.Apply(blobs, Path.Combine(AppContext.BaseDirectory, "host.json")));
                webJobs.AddAzureStorageQueues(queues => LocalHostQueueOptions.Apply(queues, Path.Combine(AppContext.BaseDirectory, "host.json")));
            })
            .ConfigureServices(services => services.Replace(
                ServiceDescriptor.Singleton<IWebJobsExceptionHandlerFactory>(new RestartingExceptionHandlerFactory(failure))))
            .Build();

    private async Task StopAsync(IHost jobHost)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await jobHost.StopAsync(timeout.Token);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            _logger.LogWarning(exception, "The failed blob listener did not stop cleanly.");
        }

        jobHost.Dispose();
    }

    private sealed class SupervisedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
