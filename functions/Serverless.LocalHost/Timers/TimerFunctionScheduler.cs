using Cronos;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serverless.LocalHost.Catalog;

namespace Serverless.LocalHost.Timers;

/// <summary>
/// Runs timer-triggered functions on their NCRONTAB schedule (six fields, seconds first; <c>%Setting%</c> resolved
/// from configuration as the Functions host does). Stands in for the WebJobs timer extension, which does not run here.
/// </summary>
public sealed partial class TimerFunctionScheduler : BackgroundService
{
    private readonly FunctionCatalog _catalog;
    private readonly FunctionInvoker _invoker;
    private readonly IConfiguration _configuration;
    private readonly TimeProvider _clock;
    private readonly ILogger<TimerFunctionScheduler> _logger;

    public TimerFunctionScheduler(FunctionCatalog catalog, FunctionInvoker invoker, IConfiguration configuration, TimeProvider clock, ILogger<TimerFunctionScheduler> logger)
    {
        _catalog = catalog;
        _invoker = invoker;
        _configuration = configuration;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>Resolves a schedule expression, <c>%Name%</c> meaning the value of setting Name.</summary>
    public static CronExpression ResolveSchedule(string schedule, IConfiguration configuration)
    {
        var expression = schedule;
        if (schedule.Length > 2 && schedule[0] == '%' && schedule[^1] == '%')
        {
            var setting = schedule[1..^1];
            expression = configuration[setting.Replace("__", ":", StringComparison.Ordinal)]
                ?? throw new InvalidOperationException($"The timer schedule refers to setting '{setting}', which is not set. Add it to local.settings.json Values.");
        }

        return CronExpression.Parse(expression, CronFormat.IncludeSeconds);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_catalog.OfKind(TriggerKind.Timer).Select(function => RunScheduleAsync(function, stoppingToken)));

    private async Task RunScheduleAsync(FunctionDescriptor function, CancellationToken stoppingToken)
    {
        var trigger = (TimerTriggerAttribute)function.Trigger;
        var schedule = ResolveSchedule(trigger.Schedule, _configuration);
        DateTimeOffset? last = null;
        if (trigger.RunOnStartup)
        {
            await RunOnceAsync(function, schedule, last, isPastDue: false, stoppingToken);
            last = _clock.GetUtcNow();
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var next = schedule.GetNextOccurrence(_clock.GetUtcNow(), TimeZoneInfo.Utc);
            if (next is null)
            {
                return;
            }

            LogNext(function.Name, next.Value);
            var wait = next.Value - _clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            await RunOnceAsync(function, schedule, last, isPastDue: _clock.GetUtcNow() - next.Value > TimeSpan.FromSeconds(30), stoppingToken);
            last = next;
        }
    }

    private async Task RunOnceAsync(FunctionDescriptor function, CronExpression schedule, DateTimeOffset? last, bool isPastDue, CancellationToken stoppingToken)
    {
        var now = _clock.GetUtcNow();
        var info = new TimerInfo
        {
            IsPastDue = isPastDue,
            ScheduleStatus = new ScheduleStatus
            {
                Last = (last ?? now).UtcDateTime,
                Next = schedule.GetNextOccurrence(now, TimeZoneInfo.Utc)?.UtcDateTime ?? DateTime.MaxValue,
                LastUpdated = now.UtcDateTime,
            },
        };
        try
        {
            await _invoker.InvokeAsync(
                function,
                (parameter, _) => parameter.ParameterType == typeof(TimerInfo)
                    ? ValueTask.FromResult<object?>(info)
                    : throw new NotSupportedException($"The local host cannot bind parameter '{parameter.Name}' of timer function '{function.Name}'."),
                stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // As under the Functions host, a failed run is logged (by the invoker) and the schedule goes on.
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Timer function {Function} next runs at {Next:O}")]
    private partial void LogNext(string function, DateTimeOffset next);
}
