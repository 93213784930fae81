using Azure.Data.Tables;
using Serverless.Domain.Articles;
using Serverless.Domain.Stores;

namespace Serverless.UnitTests.Withdrawals;

/// <summary>The Articles columns that record an article's files and its withdrawal, written and read back.</summary>
public sealed class ArticleWithdrawalColumnsTests
{
    private static readonly ArticleSummary Summary = new() { Id = new string('a', 32), Title = "T", IngestedAt = DateTimeOffset.UnixEpoch };

    [Fact]
    public void SourcesAndAWithdrawalRoundTrip()
    {
        var at = new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
        var written = Summary with { Sources = ["a.md", "copy/a.md"], Withdrawal = new ArticleWithdrawal(WithdrawalKind.TakenDown, at, "legal request") };

        var read = ArticleEntityCodec.ToSummary(ArticleEntityCodec.ToEntity(written, "{}", null, "copy/a.md"));

        Assert.Equal(["a.md", "copy/a.md"], read.Sources);
        Assert.Equal(new ArticleWithdrawal(WithdrawalKind.TakenDown, at, "legal request"), read.Withdrawal);
        Assert.Null(ArticleEntityCodec.ToSummary(ArticleEntityCodec.ToEntity(Summary, "{}", null, "a.md")).Withdrawal);
    }

    [Fact]
    public void ARowWrittenBeforeSourcesWereRecordedHasItsLastFileAsItsSource()
    {
        var entity = ArticleEntityCodec.ToEntity(Summary, "{}", null, "last.md");
        entity.Remove("Sources");

        Assert.Equal(["last.md"], ArticleEntityCodec.ToSummary(entity).Sources);
        Assert.Empty(ArticleEntityCodec.ToSummary(new TableEntity("a", Summary.Id) { ["Title"] = "T" }).Sources);
    }

    [Fact]
    public void SourcesStayWithinTheColumnLimitAndKeepTheFirstNames()
    {
        var names = Enumerable.Range(0, 100).Select(i => $"{i:D3}/" + new string('n', 1_000)).ToList();

        var column = ArticleEntityCodec.SerializeSources(names);

        Assert.True(column.Length <= ArticleEntityCodec.MaxSourcesChars);
        var kept = System.Text.Json.JsonSerializer.Deserialize<string[]>(column)!;
        Assert.Equal(names.Take(kept.Length), kept);
        Assert.InRange(kept.Length, 10, 20);
        Assert.Equal("[\"a\"]", ArticleEntityCodec.SerializeSources(["a", "a"]));
    }
}
