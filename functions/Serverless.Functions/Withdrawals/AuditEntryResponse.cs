using Serverless.Domain.Withdrawals;

namespace Serverless.Functions.Withdrawals;

/// <summary>One takedown, restore or retraction.</summary>
/// <param name="Article">The article's id.</param>
/// <param name="Action">"takedown", "restore" or "retraction".</param>
/// <param name="Reason">The editor's reason, or what happened to the file.</param>
/// <param name="Source">"editor", "blob-delete" or "blob-replaced".</param>
/// <param name="Blob">The deleted or replaced file, for a retraction.</param>
/// <param name="At">When.</param>
public sealed record AuditEntryResponse(string Article, string Action, string? Reason, string Source, string? Blob, DateTimeOffset At)
{
    public static AuditEntryResponse From(AuditEntry entry) => new(
        entry.ArticleId,
        entry.Action.ToString().ToLowerInvariant(),
        entry.Reason,
        entry.Source switch
        {
            AuditSource.Editor => "editor",
            AuditSource.BlobDelete => "blob-delete",
            _ => "blob-replaced",
        },
        entry.Blob,
        entry.At);
}
