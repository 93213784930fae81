using System.ComponentModel.DataAnnotations;

namespace Serverless.Domain.Rescoring;

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
    /// Hours runs may work from the last run's records (shard snapshots, the index checkpoint) after a run that read
    /// every shard and listed every index partition; past that a run does both again. 0 does both on every run.
    /// </summary>
    [Range(0, 720)]
    public int FullSweepAfterHours { get; set; } = 24;
}
