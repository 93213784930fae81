using Azure;
using Serverless.Domain.Articles;

namespace Serverless.Domain.Stores;

/// <summary>An article as stored: the whole document, its listing summary and the entity version.</summary>
public sealed record StoredArticle(Article Article, ArticleSummary Summary, ETag ETag);
