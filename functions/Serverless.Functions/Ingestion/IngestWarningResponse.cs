namespace Serverless.Functions.Ingestion;

/// <summary>One adjustment the ingest made to an accepted file, on the wire.</summary>
/// <param name="Code">quality-clamped, date-in-future, text-cut, url-dropped, topics-dropped, related-capped, images-capped, characters-removed, rescore-set-aside.</param>
/// <param name="Message">What was adjusted, in words.</param>
public sealed record IngestWarningResponse(string Code, string Message);
