using Serverless.Domain.Parsing;

namespace Serverless.Domain.Ingestion;

/// <summary>The answer to "what became of my upload?".</summary>
public sealed record IngestStatus(
    string Blob,
    IngestState Status,
    string? ArticleId,
    ArticleParseError? Error,
    DateTimeOffset? UpdatedAt);
