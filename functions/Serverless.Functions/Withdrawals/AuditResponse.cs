namespace Serverless.Functions.Withdrawals;

/// <summary>One page of the audit record, newest first.</summary>
/// <param name="Entries">The entries.</param>
/// <param name="Next">Pass as <c>?cursor=</c> to read on; null at the end.</param>
public sealed record AuditResponse(IReadOnlyList<AuditEntryResponse> Entries, string? Next);
