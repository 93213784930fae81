using System.IO.Hashing;
using System.Text;
using Serverless.Domain.Articles;

namespace Serverless.Domain.Scoring;

/// <summary>Reduces an article summary to what story clustering keeps in memory.</summary>
public static class StoryMembers
{
    public static StoryMember From(ArticleSummary summary, int defaultQuality) => new(
        StoryClusterer.ParseId(summary.Id),
        summary.PublishedDateTime?.UtcTicks,
        summary.Format == ArticleFormat.PlainText,
        summary.Quality ?? defaultQuality,
        ProviderHash(summary.Outlet),
        TextSketch.Decode(summary.TextSignature));

    public static IEnumerable<UInt128> RelatedIds(ArticleSummary summary) => summary.RelatedIds.Select(StoryClusterer.ParseId);

    public static IEnumerable<ulong> RelatedProviders(ArticleSummary summary) => summary.RelatedProviders.Select(ProviderHash);

    public static ulong ProviderHash(string? provider) =>
        string.IsNullOrWhiteSpace(provider) ? 0 : XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(provider.Trim().ToLowerInvariant()));
}
