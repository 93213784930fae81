namespace Serverless.Domain.Maintenance;

/// <summary>One step's share of a run of the archive passes, and its cursor after it.</summary>
public sealed record ArchivePassProgress(ArchivePassCursor Cursor, int ReadThisRun, int ChangedThisRun);
