using System.ComponentModel.DataAnnotations;

namespace Serverless.Domain.Scoring;

public sealed class RescoreOptions
{
    public const string SectionName = "Rescore";

    /// <summary>The app setting that holds the timer's NCRONTAB schedule (default every 15 minutes).</summary>
    public const string ScheduleSetting = "RescoreSchedule";

    /// <summary>Concurrent storage writes during a run.</summary>
    [Range(1, 64)]
    public int WriteConcurrency { get; set; } = 8;

    /// <summary>Concurrent range reads (article shards, topic partitions) during a run.</summary>
    [Range(1, 16)]
    public int ReadConcurrency { get; set; } = 4;

    /// <summary>
    /// Hours a verified index (a full sweep that found nothing to repair) lets later runs with unchanged articles skip
    /// the sweep; past that a run sweeps in full again. 0 sweeps on every run.
    /// </summary>
    [Range(0, 720)]
    public int FullSweepAfterHours { get; set; } = 24;
}
