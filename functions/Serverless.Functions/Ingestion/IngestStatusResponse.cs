using Serverless.Domain.Ingestion;

namespace Serverless.Functions.Ingestion;

/// <summary>The wire shape of an upload's status.</summary>
public sealed record IngestStatusResponse(string Blob, string Status, string? ArticleId, string? Error, string? ErrorCode, int? Line, int? Column, DateTimeOffset? UpdatedAt)
{
    public static IngestStatusResponse From(IngestStatus status) => new(
        status.Blob,
        status.Status.ToString().ToLowerInvariant(),
        status.ArticleId,
        status.Error?.ToString(),
        status.Error?.Code,
        status.Error?.Line,
        status.Error?.Column,
        status.UpdatedAt);
}
