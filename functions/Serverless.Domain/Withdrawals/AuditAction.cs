namespace Serverless.Domain.Withdrawals;

/// <summary>What was done to an article's place in the feeds.</summary>
public enum AuditAction
{
    /// <summary>The last file that carried it was deleted.</summary>
    Retraction,

    /// <summary>An editor took it down.</summary>
    Takedown,

    /// <summary>An editor brought a taken-down article back.</summary>
    Restore,
}
