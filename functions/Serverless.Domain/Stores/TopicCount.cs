namespace Serverless.Domain.Stores;

/// <summary>What an article counts for in the topic counts: the topics it is listed under, and whether as published.</summary>
/// <param name="ArticleId">The article.</param>
/// <param name="Topics">Its topics; empty when it is gone.</param>
/// <param name="Published">Whether it is counted among the topics' published articles.</param>
public sealed record TopicCount(string ArticleId, IReadOnlyList<string> Topics, bool Published);
