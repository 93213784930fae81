namespace Serverless.Domain.Ingestion;

/// <summary>Answers what became of an upload, from the status record and the blob itself.</summary>
public sealed class IngestStatusQuery
{
    private readonly IngestStatusStore _status;
    private readonly UploadStore _uploads;

    public IngestStatusQuery(IngestStatusStore status, UploadStore uploads)
    {
        _status = status;
        _uploads = uploads;
    }

    /// <summary>The status of the blob, or null when no such blob was ever seen.</summary>
    public async Task<IngestStatus?> GetAsync(string blobName, CancellationToken cancellationToken)
    {
        var recorded = await _status.GetAsync(blobName, cancellationToken);
        // The blob may have been deleted after ingestion (no version); the record still answers.
        var currentETag = await _uploads.GetVersionAsync(blobName, cancellationToken);

        if (recorded is { } record)
        {
            // A newer upload under the same name has not been processed yet.
            var superseded = currentETag is not null && record.BlobETag is not null && !IngestStatusStore.SameVersion(record.BlobETag, currentETag);
            return superseded ? record.Status with { Status = IngestState.Pending, ArticleId = null, Error = null } : record.Status;
        }

        return currentETag is null ? null : new IngestStatus(blobName, IngestState.Pending, null, null, null);
    }
}
