namespace Serverless.Domain.Articles;

/// <summary>How an article left the feeds.</summary>
public enum WithdrawalKind
{
    /// <summary>The last file that carried it was deleted: the stored text goes, a tombstone answers 410, and uploading the file again brings it back.</summary>
    Retracted,

    /// <summary>An editor took it down: the stored article is kept for a restore, and uploads of it stay out until then.</summary>
    TakenDown,
}
