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
}
