using Microsoft.Azure.Functions.Worker;
using Serverless.Domain.Maintenance;
using Serverless.Domain.Rescoring;

namespace Serverless.Functions.Scoring;

/// <summary>
/// Keeps heat, stories and the topic index current, on the schedule in app setting RescoreSchedule; then takes the
/// next bounded batch of the archive through the passes it still owes (<see cref="ArchivePass"/>).
/// </summary>
public sealed class RescoreArticles
{
    private readonly RescoreRunner _rescore;
    private readonly ArchivePass _passes;

    public RescoreArticles(RescoreRunner rescore, ArchivePass passes)
    {
        _rescore = rescore;
        _passes = passes;
    }

    [Function(nameof(RescoreArticles))]
    public async Task Run([TimerTrigger("%RescoreSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        await _rescore.RunAsync(cancellationToken);
        await _passes.RunAsync(cancellationToken);
    }
}
