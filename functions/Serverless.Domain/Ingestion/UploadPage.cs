namespace Serverless.Domain.Ingestion;

/// <summary>One listing page of the articles container, in name order, and where the next page starts (null at the end).</summary>
public sealed record UploadPage(IReadOnlyList<UploadedBlob> Blobs, string? ContinuationToken);
