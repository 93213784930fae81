namespace Serverless.Domain.Ingestion;

/// <summary>One upload in the articles container, as <see cref="UploadStore.ListPageAsync"/> lists it.</summary>
public sealed record UploadedBlob(string Name, string? ETag, DateTimeOffset? LastModified);
