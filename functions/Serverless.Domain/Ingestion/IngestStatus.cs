using Serverless.Domain.Parsing;

namespace Serverless.Domain.Ingestion;

/// <summary>The answer to "what became of my upload?".</summary>
/// <param name="Detail">For a retracted, deleted or suppressed upload: what happened, in words (a takedown's reason).</param>
public sealed record IngestStatus(
    string Blob,
    IngestState Status,
    string? ArticleId,
    ArticleParseError? Error,
    DateTimeOffset? UpdatedAt,
    string? Detail = null)
{
    /// <summary>What the ingest adjusted in an accepted file: quality clamped, a date in the future, text cut, topics or related entries dropped.</summary>
    public IReadOnlyList<ArticleWarning> Warnings { get; init; } = [];
}
