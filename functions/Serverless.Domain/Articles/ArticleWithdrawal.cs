namespace Serverless.Domain.Articles;

/// <summary>Why an article is out of every feed on purpose: retracted (its files were deleted) or taken down by an editor.</summary>
/// <param name="Kind">Retracted or taken down.</param>
/// <param name="At">When it happened.</param>
/// <param name="Reason">The editor's reason for a takedown; what deleted the files for a retraction.</param>
public sealed record ArticleWithdrawal(WithdrawalKind Kind, DateTimeOffset At, string? Reason);
