using Serverless.Domain.Parsing;

namespace Serverless.Domain.Ingestion;

/// <summary>The result of processing one upload.</summary>
public sealed record IngestOutcome(string Blob, IngestState State, string? ArticleId, ArticleParseError? Error);
