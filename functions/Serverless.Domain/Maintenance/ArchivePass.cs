using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Domain.Stores;

namespace Serverless.Domain.Maintenance;

/// <summary>
/// Takes every stored article through each <see cref="IArchiveStep"/> once, in bounded, resumable runs: a run reads at
/// most <see cref="ArchivePassOptions.ArticlesPerRun"/> articles over all steps, shard by shard in id order, and
/// records after each batch how far it went. A finished pass costs one point read a run.
/// </summary>
public sealed partial class ArchivePass
{
    // Small enough that a run killed mid-way repeats little, large enough that a batch is one range read.
    private const int BatchSize = 200;

    private readonly IReadOnlyList<IArchiveStep> _steps;
    private readonly ArchivePassStore _cursors;
    private readonly ArticleStore _articles;
    private readonly ArchivePassOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<ArchivePass> _logger;

    public ArchivePass(IEnumerable<IArchiveStep> steps, ArchivePassStore cursors, ArticleStore articles, IOptions<ArchivePassOptions> options, TimeProvider clock, ILogger<ArchivePass> logger)
    {
        _steps = [.. steps];
        _cursors = cursors;
        _articles = articles;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
    }

    public async Task<ArchivePassReport> RunAsync(CancellationToken cancellationToken)
    {
        var budget = _options.ArticlesPerRun;
        var steps = new List<ArchivePassProgress>();
        foreach (var step in _steps)
        {
            var cursor = await _cursors.ReadAsync(step.Name, cancellationToken) ?? ArchivePassCursor.Start(step.Name, _clock.GetUtcNow());
            var (read, changed) = (0, 0);
            while (!cursor.Done && budget > 0)
            {
                var page = await _articles.ReadArticlesAsync(ArticleEntityCodec.Shards[cursor.Shard], cursor.AfterId, Math.Min(budget, BatchSize), cancellationToken);
                // A taken-down article keeps its text but is in no feed or story: no step may bring it back.
                var live = page.Articles.Where(a => a.Summary.Withdrawal is null).ToList();
                var applied = live.Count == 0 ? 0 : await step.ApplyAsync(live, cursor.StartedAt, cancellationToken);
                // An empty shard costs a request but no budget: at most one such read per shard a run.
                (read, changed, budget) = (read + page.Articles.Count, changed + applied, budget - page.Articles.Count);
                cursor = Advance(cursor, page) with { Read = cursor.Read + page.Articles.Count, Changed = cursor.Changed + applied };
                await _cursors.WriteAsync(cursor, cancellationToken);
            }

            if (read > 0)
            {
                LogProgress(step.Name, read, changed, cursor.Done ? "done" : $"in shard {cursor.Shard + 1} of {ArticleEntityCodec.Shards.Count}", cursor.Read, cursor.Changed);
            }

            steps.Add(new ArchivePassProgress(cursor, read, changed));
        }

        return new ArchivePassReport(steps);
    }

    private ArchivePassCursor Advance(ArchivePassCursor cursor, ArticlePage page)
    {
        if (page.LastId is { } last)
        {
            return cursor with { AfterId = last };
        }

        return cursor.Shard + 1 < ArticleEntityCodec.Shards.Count
            ? cursor with { Shard = cursor.Shard + 1, AfterId = null }
            : cursor with { Shard = ArticleEntityCodec.Shards.Count, AfterId = null, FinishedAt = _clock.GetUtcNow() };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Archive pass {Step}: {Read} articles read, {Changed} changed this run; {State} ({TotalRead} read, {TotalChanged} changed so far)")]
    private partial void LogProgress(string step, int read, int changed, string state, long totalRead, long totalChanged);
}
