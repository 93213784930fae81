using System.Globalization;
using Microsoft.Extensions.Options;

namespace Serverless.Domain.Scoring;

/// <summary>
/// The heat formula. An article's base heat is its quality, blended with its story's best quality and lifted by how
/// many articles and outlets cover the story:
/// <c>base = ((1-s)·q + s·q_story) · min(maxLift, 1 + a·log2(articles) + p·log2(outlets))</c>, where articles and
/// outlets are counted under <see cref="CoverageRules"/>.
/// Its heat at time t decays exponentially with age: <c>heat = base · 2^(-age / halfLife)</c>.
/// Because the decay factor is the same for every article at a given moment, the order of two articles never changes
/// as time passes (<see cref="RankOf"/> is time-independent): rescoring rewrites only articles whose data changed.
/// </summary>
public sealed class HeatScorer
{
    private readonly HeatOptions _options;

    public HeatScorer(IOptions<HeatOptions> options)
    {
        _options = options.Value;
    }

    public HeatOptions Options => _options;

    public double BaseHeat(int? quality, StoryCoverage story)
    {
        var own = quality ?? _options.DefaultQuality;
        var blended = ((1 - _options.StoryQualityShare) * own) + (_options.StoryQualityShare * Math.Max(own, story.MaxQuality));
        var lift = Math.Min(
            _options.MaxLift,
            1 + (_options.ArticleCoverageWeight * Math.Log2(Math.Max(1, story.CountedArticles))) +
            (_options.ProviderCoverageWeight * Math.Log2(Math.Max(1, story.CountedOutlets))));
        // Rounded so that float noise never counts as a change worth a write.
        return Math.Round(blended * lift, 3);
    }

    public bool IsPublished(double baseHeat) => baseHeat >= _options.PublishThreshold;

    /// <summary>
    /// Heat at <paramref name="now"/> of an article published at <paramref name="published"/>, aged from the whole
    /// second as <see cref="RankOf"/> is: two articles of one rank always show the same heat, so a feed sorted by rank
    /// is sorted by the heat it shows.
    /// </summary>
    public double HeatAt(double baseHeat, DateTimeOffset published, DateTimeOffset now)
    {
        var ageHours = Math.Max(0, (now - DateTimeOffset.FromUnixTimeSeconds(published.ToUnixTimeSeconds())).TotalHours);
        return Math.Round(baseHeat * Math.Pow(2, -ageHours / _options.HalfLifeHours), 2);
    }

    /// <summary>
    /// log2 of the heat an article would have at the epoch: larger means hotter at every moment. Sorting by it is
    /// sorting by current heat, without ever rewriting rows as the clock moves.
    /// </summary>
    public double RankOf(double baseHeat, DateTimeOffset published) =>
        Math.Log2(Math.Max(baseHeat, 0.001)) + (published.ToUnixTimeSeconds() / 3600.0 / _options.HalfLifeHours);

    /// <summary>The rank an article must reach to have at least <paramref name="minHeat"/> at <paramref name="now"/>.</summary>
    public double RankForHeat(double minHeat, DateTimeOffset now) =>
        Math.Log2(Math.Max(minHeat, 0.001)) + (now.ToUnixTimeSeconds() / 3600.0 / _options.HalfLifeHours);

    /// <summary>A row key that sorts hottest first: the rank inverted and zero-padded (Table Storage sorts keys as text).</summary>
    public static string RankKey(double rank)
    {
        var inverted = Math.Clamp(1_000_000 - rank, 0, 9_999_999);
        return inverted.ToString("0000000.000000", CultureInfo.InvariantCulture);
    }
}
