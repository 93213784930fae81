namespace Serverless.Domain.Parsing;

/// <summary>
/// Something the ingest adjusted in an accepted file, so the uploader can see what was not taken as written: a
/// quality clamped, a date in the future, text cut, topics or related entries dropped.
/// </summary>
/// <param name="Code">Stable code: <c>quality-clamped</c>, <c>date-in-future</c>, <c>text-cut</c>, <c>url-dropped</c>, <c>topics-dropped</c>, <c>related-capped</c>, <c>images-capped</c>, <c>characters-removed</c>.</param>
/// <param name="Message">What was adjusted, where, and why, in words.</param>
public sealed record ArticleWarning(string Code, string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}
