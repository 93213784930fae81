namespace Serverless.Domain.Withdrawals;

/// <summary>One page of the audit record, newest first; <paramref name="Next"/> continues it (null: the end).</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, string? Next);
