using Serverless.Domain.Ingestion;

namespace Serverless.Functions.Ingestion;

/// <summary>The wire shape of an upload's status.</summary>
/// <param name="Status">pending, ingested, rejected, retracted, deleted or suppressed.</param>
/// <param name="Detail">For a retracted, deleted or suppressed upload: what happened and what to do.</param>
/// <param name="UpdatedAt">When the outcome was recorded: for a retracted upload, when it was retracted.</param>
/// <param name="Warnings">What the ingest adjusted in an accepted file (quality clamped, date in the future, text cut, topics or related entries dropped), or that its rescoring was set aside.</param>
public sealed record IngestStatusResponse(string Blob, string Status, string? ArticleId, string? Error, string? ErrorCode, int? Line, int? Column, DateTimeOffset? UpdatedAt, string? Detail, IReadOnlyList<IngestWarningResponse> Warnings)
{
    public static IngestStatusResponse From(IngestStatus status) => new(
        status.Blob,
        status.Status.ToString().ToLowerInvariant(),
        status.ArticleId,
        status.Error?.ToString(),
        status.Error?.Code,
        status.Error?.Line,
        status.Error?.Column,
        status.UpdatedAt,
        status.Detail,
        [.. status.Warnings.Select(w => new IngestWarningResponse(w.Code, w.Message))]);
}
