namespace Serverless.Domain.Withdrawals;

/// <summary>What the deletion of one uploaded file did.</summary>
public enum BlobDeletionOutcome
{
    /// <summary>The file exists again (the event was older than a new upload): nothing done.</summary>
    StillThere,

    /// <summary>Recorded as retracted or deleted before: nothing done.</summary>
    AlreadyRecorded,

    /// <summary>It carried no article (pending, rejected), or another file still carries its article: status "deleted".</summary>
    Deleted,

    /// <summary>It was the last file that carried its article, which is retracted: status "retracted".</summary>
    Retracted,
}
