using Microsoft.Extensions.Options;
using Serverless.Domain.Scoring;

namespace Serverless.UnitTests.Scoring;

public sealed class HeatScorerTests
{
    private static readonly DateTimeOffset Published = new(2023, 7, 27, 20, 36, 0, TimeSpan.Zero);
    private readonly HeatScorer _scorer = new(Options.Create(new HeatOptions()));

    [Fact]
    public void FreshArticleWithoutCoverageHasHeatEqualToItsQuality()
    {
        var baseHeat = _scorer.BaseHeat(57, new StoryCoverage("s", 1, 1, 57));

        Assert.Equal(57, baseHeat);
        Assert.Equal(57, _scorer.HeatAt(baseHeat, Published, Published));
    }

    [Fact]
    public void CoverageRaisesHeat()
    {
        var alone = _scorer.BaseHeat(50, new StoryCoverage("s", 1, 1, 50));
        var covered = _scorer.BaseHeat(50, new StoryCoverage("s", 8, 4, 50));
        var coveredByBetter = _scorer.BaseHeat(50, new StoryCoverage("s", 8, 4, 90));

        Assert.True(covered > alone);
        Assert.True(coveredByBetter > covered);
        // 8 articles, 4 outlets: 1 + 0.15*3 + 0.15*2 = 1.75
        Assert.Equal(87.5, covered);
    }

    [Fact]
    public void HeatHalvesEveryHalfLifeAndTendsToZero()
    {
        Assert.Equal(40, _scorer.HeatAt(80, Published, Published.AddHours(24)));
        Assert.Equal(20, _scorer.HeatAt(80, Published, Published.AddHours(48)));
        Assert.True(_scorer.HeatAt(80, Published, Published.AddDays(60)) < 0.01);
    }

    [Fact]
    public void MissingQualityUsesTheDefault() => Assert.Equal(40, _scorer.BaseHeat(null, new StoryCoverage("s", 1, 1, 0)));

    [Fact]
    public void PublishedIsAGateOnBaseHeatNotOnAge()
    {
        Assert.True(_scorer.IsPublished(70));
        Assert.False(_scorer.IsPublished(69.9));
    }

    [Fact]
    public void RankOrderEqualsHeatOrderAtEveryMoment()
    {
        var random = new Random(7);
        var articles = Enumerable.Range(0, 200)
            .Select(_ => (Base: 1 + (random.NextDouble() * 150), Published: Published.AddHours(random.Next(-500, 500))))
            .ToList();
        var byRankKey = articles.OrderBy(a => HeatScorer.RankKey(_scorer.RankOf(a.Base, a.Published)), StringComparer.Ordinal).ToList();

        foreach (var now in new[] { Published.AddDays(30), Published.AddDays(300), Published.AddYears(3) })
        {
            var heats = byRankKey.Select(a => a.Base * Math.Pow(2, -(now - a.Published).TotalHours / 24)).ToList();
            for (var i = 1; i < heats.Count; i++)
            {
                Assert.True(heats[i - 1] >= heats[i] * 0.999999, $"row {i} is hotter than row {i - 1} at {now}");
            }
        }
    }

    [Fact]
    public void RankForHeatSelectsExactlyTheArticlesAboveIt()
    {
        var now = Published.AddHours(30);
        var rank = _scorer.RankOf(60, Published);
        var heat = 60 * Math.Pow(2, -30.0 / 24);

        Assert.True(rank >= _scorer.RankForHeat(heat - 0.01, now));
        Assert.True(rank < _scorer.RankForHeat(heat + 0.01, now));
    }
}
