using System.ComponentModel.DataAnnotations;

namespace Serverless.Domain.Rescoring;

public sealed class RescoreOptions
{
    public const string SectionName = "Rescore";

    /// <summary>The app setting that holds the timer's NCRONTAB schedule (default every 15 minutes).</summary>
    public const string ScheduleSetting = "RescoreSchedule";

    /// <summary>Concurrent storage requests (point reads, transactions) during a run.</summary>
    [Range(1, 64)]
    public int WriteConcurrency { get; set; } = 8;

    /// <summary>Concurrent range reads (stories, days) during a run.</summary>
    [Range(1, 16)]
    public int ReadConcurrency { get; set; } = 4;

    /// <summary>
    /// Journal entries (changed articles) a run takes at a time. A slice is loaded, planned and written before the
    /// next is read, so a run's memory follows this, not the journal: a bulk load of 100,000 articles is worked
    /// through slice by slice.
    /// </summary>
    [Range(10, 100_000)]
    public int ChangesPerSlice { get; set; } = 2000;

    /// <summary>
    /// Seconds a journal entry waits before a run takes it. An ingest writes its index rows behind the article, within
    /// milliseconds, or seconds when storage retries; a run that took the entry before they landed would leave them
    /// stale. The ingest's own rows list the article meanwhile. 0 takes entries at once (tests, bulk loads).
    /// </summary>
    [Range(0, 600)]
    public int SettleSeconds { get; set; } = 60;

    /// <summary>
    /// Seconds a run holds the run lease without renewing it (it renews after each slice). A run that dies without
    /// giving it back (storage went down under it) keeps other processes' runs waiting this long; it must exceed the
    /// time one slice takes.
    /// </summary>
    [Range(5, 900)]
    public int LeaseSeconds { get; set; } = 180;

    /// <summary>
    /// Seconds after which a run takes no further slice (the slice under way finishes): the rest waits for the next
    /// run, so a run fits well inside the host's 10-minute function timeout.
    /// </summary>
    [Range(10, 540)]
    public int SecondsPerRun { get; set; } = 240;

    /// <summary>Minutes before a set-aside journal entry is first tried again; each further attempt waits twice as long.</summary>
    [Range(0, 24 * 60)]
    public int SetAsideRetryMinutes { get; set; } = 15;

    /// <summary>Runs that may fail on one journal entry before it is parked for an operator.</summary>
    [Range(1, 20)]
    public int SetAsideAttempts { get; set; } = 4;
}
