using System.Diagnostics.CodeAnalysis;
using Serverless.Domain.Articles;

namespace Serverless.Domain.Parsing;

/// <summary>Either an article or the reason the file is not one; never both.</summary>
public sealed class ArticleParseResult
{
    private ArticleParseResult(Article? article, ArticleParseError? error, IReadOnlyList<ArticleWarning> warnings)
    {
        Article = article;
        Error = error;
        Warnings = warnings;
    }

    public Article? Article { get; }

    public ArticleParseError? Error { get; }

    /// <summary>What was adjusted in an accepted file (<see cref="ArticleBounds"/>): the upload's status shows them.</summary>
    public IReadOnlyList<ArticleWarning> Warnings { get; }

    [MemberNotNullWhen(true, nameof(Article))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Article is not null;

    public static ArticleParseResult Success(Article article, IReadOnlyList<ArticleWarning>? warnings = null) => new(article, null, warnings ?? []);

    public static ArticleParseResult Failure(ArticleParseError error) => new(null, error, []);
}
