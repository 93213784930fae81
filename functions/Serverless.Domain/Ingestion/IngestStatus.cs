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
    string? Detail = null);
