using Serverless.Domain.Articles;
using Serverless.Domain.Stores;

namespace Serverless.Domain.Scoring;

/// <summary>What a run does to one article's score and index rows.</summary>
/// <param name="Article">The article's index in <see cref="StoryWorkingSet.Articles"/>; -1 for a removed article.</param>
/// <param name="ArticleId">The article.</param>
/// <param name="Score">Its new score (null: removed).</param>
/// <param name="ScoreChanged">Whether the stored score must be written.</param>
/// <param name="Rows">The index rows it must have, written whole (their content shows the score).</param>
/// <param name="StaleRows">Rows to delete: those of its old score or replaced version that it must not have.</param>
public sealed record ScoreChange(int Article, string ArticleId, ArticleScore? Score, bool ScoreChanged, IReadOnlyList<TopicIndexRow> Rows, IReadOnlyList<TopicIndexRow> StaleRows);
