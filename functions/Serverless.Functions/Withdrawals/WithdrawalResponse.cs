using Serverless.Domain.Articles;

namespace Serverless.Functions.Withdrawals;

/// <summary>An article's place after a takedown or restore.</summary>
/// <param name="Id">The article.</param>
/// <param name="Status">"published", "taken-down" or "retracted".</param>
/// <param name="Reason">The takedown's reason, or what retracted it.</param>
/// <param name="At">When it was taken down or retracted; null when published.</param>
/// <param name="Changed">False when the request changed nothing (the article was down already).</param>
public sealed record WithdrawalResponse(string Id, string Status, string? Reason, DateTimeOffset? At, bool Changed)
{
    public static WithdrawalResponse From(ArticleSummary article, bool changed) => new(
        article.Id,
        article.Withdrawal?.Kind switch
        {
            WithdrawalKind.TakenDown => "taken-down",
            WithdrawalKind.Retracted => "retracted",
            _ => "published",
        },
        article.Withdrawal?.Reason,
        article.Withdrawal?.At,
        changed);
}
