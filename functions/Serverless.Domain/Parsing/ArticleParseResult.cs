using System.Diagnostics.CodeAnalysis;
using Serverless.Domain.Articles;

namespace Serverless.Domain.Parsing;

/// <summary>Either an article or the reason the file is not one; never both.</summary>
public sealed class ArticleParseResult
{
    private ArticleParseResult(Article? article, ArticleParseError? error)
    {
        Article = article;
        Error = error;
    }

    public Article? Article { get; }

    public ArticleParseError? Error { get; }

    [MemberNotNullWhen(true, nameof(Article))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Article is not null;

    public static ArticleParseResult Success(Article article) => new(article, null);

    public static ArticleParseResult Failure(ArticleParseError error) => new(null, error);
}
