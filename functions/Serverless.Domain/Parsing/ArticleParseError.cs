namespace Serverless.Domain.Parsing;

/// <summary>Why a file is not an article, precise enough for its author to fix it.</summary>
/// <param name="Code">A stable machine-readable reason, for example <c>yaml-syntax</c> or <c>missing-title</c>.</param>
/// <param name="Message">What is wrong and what to do about it.</param>
/// <param name="Line">1-based line in the file, when the problem has a place.</param>
/// <param name="Column">1-based column in the file, when the problem has a place.</param>
public sealed record ArticleParseError(string Code, string Message, int? Line = null, int? Column = null)
{
    public override string ToString() =>
        Line is null ? $"{Code}: {Message}" : $"{Code}: {Message} (line {Line}, column {Column})";
}
