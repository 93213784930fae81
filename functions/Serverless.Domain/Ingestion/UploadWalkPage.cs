namespace Serverless.Domain.Ingestion;

/// <summary>
/// One listing page of the articles container beside the recorded statuses of every name in its stretch of the name
/// order, including names no longer listed (deleted blobs): the blobs and statuses a walk sets side by side.
/// </summary>
public sealed record UploadWalkPage(IReadOnlyList<UploadedBlob> Blobs, IReadOnlyList<(IngestStatus Status, string? BlobETag)> Statuses);
