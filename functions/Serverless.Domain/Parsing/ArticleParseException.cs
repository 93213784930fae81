namespace Serverless.Domain.Parsing;

/// <summary>Raised inside the parser to unwind to <see cref="ArticleParser"/>, which turns it into a result.</summary>
public sealed class ArticleParseException : Exception
{
    public ArticleParseException(ArticleParseError error)
        : base(error.ToString()) => Error = error;

    public ArticleParseException(string code, string message, int? line = null, int? column = null)
        : this(new ArticleParseError(code, message, line, column))
    {
    }

    public ArticleParseError Error { get; }
}
