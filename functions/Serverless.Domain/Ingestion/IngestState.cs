namespace Serverless.Domain.Ingestion;

/// <summary>What became of one uploaded file.</summary>
public enum IngestState
{
    /// <summary>Uploaded, not processed yet (or being retried after a transient failure).</summary>
    Pending,

    /// <summary>Parsed and stored as an article.</summary>
    Ingested,

    /// <summary>Not an article; the error says why. Permanent: re-upload a fixed file.</summary>
    Rejected,

    /// <summary>Deleted, and it was the last file that carried its article: the article left every feed. Final.</summary>
    Retracted,

    /// <summary>Deleted while another file still carries its article (or it held no article): nothing left a feed. Final.</summary>
    Deleted,

    /// <summary>An article an editor took down: the upload stays out until the article is restored. Final.</summary>
    Suppressed,
}
