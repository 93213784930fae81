namespace Serverless.Domain.Articles;

/// <summary>How an uploaded file was written; detected from its content, never from its name.</summary>
public enum ArticleFormat
{
    FrontMatter,
    PlainText,
    Json,
}
