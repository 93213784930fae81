namespace Serverless.Domain.Stores;

/// <summary>The key of one article's row in one topic's partition of the topic index.</summary>
public readonly record struct TopicIndexRow(string TopicId, string RowKey)
{
    public static string ArticleIdOf(string rowKey) => rowKey[(rowKey.LastIndexOf('_') + 1)..];
}
