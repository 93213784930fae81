namespace Serverless.Domain.Withdrawals;

/// <summary>One recorded takedown, restore or retraction.</summary>
/// <param name="ArticleId">The article.</param>
/// <param name="Action">What was done.</param>
/// <param name="Reason">The editor's reason, or what happened to the files.</param>
/// <param name="Source">Who or what did it.</param>
/// <param name="Blob">The deleted or replaced file, for a retraction.</param>
/// <param name="At">When.</param>
public sealed record AuditEntry(string ArticleId, AuditAction Action, string? Reason, AuditSource Source, string? Blob, DateTimeOffset At);
