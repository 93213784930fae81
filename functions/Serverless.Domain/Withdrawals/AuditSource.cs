namespace Serverless.Domain.Withdrawals;

/// <summary>Who or what caused an audited action.</summary>
public enum AuditSource
{
    /// <summary>An editor, through the takedown or restore endpoint.</summary>
    Editor,

    /// <summary>A deleted file, reported by a BlobDeleted event or found by the reconcile timer.</summary>
    BlobDelete,

    /// <summary>A file uploaded again under the same name with another article's URL, which took it from this one.</summary>
    BlobReplaced,
}
