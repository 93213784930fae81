using Microsoft.Azure.Functions.Worker;
using Serverless.Domain.Rescoring;

namespace Serverless.Functions.Scoring;

/// <summary>Keeps heat, stories and the topic index current, on the schedule in app setting RescoreSchedule.</summary>
public sealed class RescoreArticles
{
    private readonly RescoreService _rescore;

    public RescoreArticles(RescoreService rescore)
    {
        _rescore = rescore;
    }

    [Function(nameof(RescoreArticles))]
    public Task Run([TimerTrigger("%RescoreSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        _rescore.RunAsync(cancellationToken);
}
