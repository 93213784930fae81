using Serverless.Domain.Ingestion;

namespace Serverless.UnitTests.Ingestion;

public sealed class RecoveryCursorTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AWalkStartsAtTheFirstName()
    {
        var cursor = RecoveryCursor.Start(Monday);

        Assert.True(cursor.AtPassStart);
        Assert.Null(cursor.Marker);
        Assert.Equal(Monday, cursor.PassStartedAt);
        Assert.Equal(0, cursor.PassesCompleted);
    }

    [Fact]
    public void APageInTheMiddleMovesTheCursorPastItsLastName()
    {
        var cursor = RecoveryCursor.Start(Monday).Advance(Page("token-1", "a.md", "b.md"), Monday.AddMinutes(10));

        Assert.False(cursor.AtPassStart);
        Assert.Equal("token-1", cursor.Marker);
        Assert.Equal("b.md", cursor.LastBlob);
        Assert.Equal(2, cursor.PassBlobs);
        Assert.Equal(Monday, cursor.PassStartedAt);
        Assert.Equal(0, cursor.PassesCompleted);
    }

    [Fact]
    public void TheLastPageWrapsAroundAndStartsTheNextPass()
    {
        var end = Monday.AddMinutes(30);
        var cursor = RecoveryCursor.Start(Monday)
            .Advance(Page("token-1", "a.md", "b.md"), Monday.AddMinutes(10))
            .Advance(Page("token-2", "c.md"), Monday.AddMinutes(20))
            .Advance(Page(null, "d.md"), end);

        Assert.True(cursor.AtPassStart);
        Assert.Null(cursor.LastBlob);
        Assert.Equal(0, cursor.PassBlobs);
        Assert.Equal(end, cursor.PassStartedAt);
        Assert.Equal(1, cursor.PassesCompleted);
    }

    [Fact]
    public void AnEmptyContainerCompletesAPassAtEveryPage()
    {
        var cursor = RecoveryCursor.Start(Monday).Advance(Page(null), Monday.AddMinutes(1)).Advance(Page(null), Monday.AddMinutes(2));

        Assert.True(cursor.AtPassStart);
        Assert.Equal(2, cursor.PassesCompleted);
    }

    [Fact]
    public void ARestartKeepsTheStoredVersionAndTheCompletedPasses()
    {
        var cursor = new RecoveryCursor("stale", "m.md", Monday, 40, 3, "W/\"1\"").Restart(Monday.AddHours(1));

        Assert.True(cursor.AtPassStart);
        Assert.Equal(0, cursor.PassBlobs);
        Assert.Equal(3, cursor.PassesCompleted);
        Assert.Equal("W/\"1\"", cursor.Version);
    }

    [Theory]
    [InlineData(false, null, "\"0x1\"", true)]
    [InlineData(true, "\"0x1\"", "\"0x1\"", false)]
    [InlineData(true, "0x1", "\"0x1\"", false)]
    [InlineData(true, "\"0x1\"", "\"0x2\"", true)]
    [InlineData(true, "\"0x1\"", null, false)]
    [InlineData(true, null, "\"0x2\"", false)]
    public void ABlobIsPendingWithoutAnOutcomeForItsCurrentVersion(bool hasRow, string? recordedETag, string? currentETag, bool pending)
    {
        var blob = new UploadedBlob("a.md", currentETag, Monday);
        var recorded = hasRow ? new Dictionary<string, string?> { ["a.md"] = recordedETag } : [];

        Assert.Equal(pending, PendingUploadRecovery.IsPending(blob, recorded));
    }

    [Fact]
    public void ABlobWithoutARowIsPending() =>
        Assert.True(PendingUploadRecovery.IsPending(new UploadedBlob("new.md", "\"0x1\"", Monday), new Dictionary<string, string?> { ["other.md"] = "\"0x1\"" }));

    [Fact]
    public void TheWalkIsBoundedAndValidatedLikeTheOtherIngestionOptions()
    {
        var defaults = new IngestionOptions();
        var tooMany = new IngestionOptions { RecoverPagesPerRun = 0, RecoverPageSize = 5_001 };
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();

        Assert.Equal(50_000, defaults.RecoverPagesPerRun * defaults.RecoverPageSize);
        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(tooMany, new(tooMany), results, validateAllProperties: true));
        Assert.Equal(2, results.Count);
    }

    private static UploadPage Page(string? next, params string[] names) =>
        new([.. names.Select(name => new UploadedBlob(name, "\"0x1\"", Monday))], next);
}
