using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Domain.Ingestion;
using Serverless.Domain.Parsing;
using Serverless.Domain.Stores;
using Serverless.Domain.Telemetry;

namespace Serverless.Domain.Rescoring;

/// <summary>
/// Sets aside a journal entry a run failed on, and says so where people look: the run's report, a metric, a warning
/// log, and a <c>rescore-set-aside</c> warning on the status of every upload that carries the article. It is tried
/// again after <see cref="RescoreOptions.SetAsideRetryMinutes"/>, doubling each time, and parked after
/// <see cref="RescoreOptions.SetAsideAttempts"/> failed runs.
/// </summary>
public sealed partial class SetAsideRecorder
{
    private readonly ChangeJournalStore _journal;
    private readonly ArticleStore _articles;
    private readonly IngestStatusStore _statuses;
    private readonly PipelineMetrics _metrics;
    private readonly RescoreOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<SetAsideRecorder> _logger;

    public SetAsideRecorder(ChangeJournalStore journal, ArticleStore articles, IngestStatusStore statuses, PipelineMetrics metrics, IOptions<RescoreOptions> options, TimeProvider clock, ILogger<SetAsideRecorder> logger)
    {
        _journal = journal;
        _articles = articles;
        _statuses = statuses;
        _metrics = metrics;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>Sets <paramref name="change"/> aside after <paramref name="error"/>; null when an ingest rewrote the entry meanwhile.</summary>
    public async Task<SetAsideOutcome?> SetAsideAsync(ArticleChange change, Exception error, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var attempts = change.Attempts + 1;
        DateTimeOffset? retryAt = attempts >= _options.SetAsideAttempts
            ? null
            : now + TimeSpan.FromMinutes(_options.SetAsideRetryMinutes * Math.Pow(2, attempts - 1));
        var message = $"{error.GetType().Name}: {error.Message}";
        if (!await _journal.SetAsideAsync(new SetAsideChange(attempts, message, now, retryAt), change, cancellationToken))
        {
            return null;
        }

        _metrics.RescoreSetAside.Add(1, new KeyValuePair<string, object?>("outcome", retryAt is null ? "parked" : "retry"));
        LogSetAside(change.ArticleId, attempts, retryAt, message);
        var what = retryAt is { } at
            ? $"tried again after {at:O} (attempt {attempts} of {_options.SetAsideAttempts})"
            : $"parked after {attempts} attempts: see RELIABILITY.md, 'A change set aside'";
        var warning = new ArticleWarning(
            "rescore-set-aside",
            $"Rescoring could not apply this article's change and set it aside at {now:O}, {what}. The rest of the pipeline goes on; its story and counts wait. Cause: {TextSanitizer.Cut(message, 500)}");
        try
        {
            if (await _articles.GetSummaryAsync(change.ArticleId, cancellationToken) is { } article)
            {
                foreach (var source in article.Sources)
                {
                    await _statuses.AddWarningAsync(source, warning, cancellationToken);
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The entry is set aside whatever befalls the warnings: the report, the metric and the log still say so.
            LogWarningLost(change.ArticleId, ex.Message);
        }

        return new SetAsideOutcome(change.ArticleId, attempts, message, retryAt);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The set-aside warning for article {ArticleId} did not reach its upload statuses: {Error}")]
    private partial void LogWarningLost(string articleId, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rescoring set aside the change of article {ArticleId} (attempt {Attempts}; retry at {RetryAt}, none: parked): {Error}")]
    private partial void LogSetAside(string articleId, int attempts, DateTimeOffset? retryAt, string error);
}
