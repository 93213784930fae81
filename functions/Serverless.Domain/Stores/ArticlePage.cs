namespace Serverless.Domain.Stores;

/// <summary>A page of whole articles of one shard, and the id to read on after (null: the shard has no more rows).</summary>
public sealed record ArticlePage(IReadOnlyList<StoredArticle> Articles, string? LastId);
