using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Serverless.Domain.Articles;
using Serverless.Domain.Scoring;
using Serverless.UnitTests.Support;

namespace Serverless.UnitTests.Scoring;

/// <summary>
/// Story clustering gives exactly the stories it gave before it was split into its mechanisms (issue 15). The golden
/// hashes were computed by this file's fingerprint on the single-class StoryClusterer of commit 23354d3, before any
/// change: a hash of every article id with its story id, size, providers and best quality, in the order added. A
/// change of either hash is a change of behaviour, not a refactoring. The synthetic hash changed once, on purpose, with
/// "joining is not bridging" (issue 27: an article joins at most one earlier story, and its related lists' cross-story
/// links are evidence, not unions); the shared corpus clusters exactly as before under that rule.
/// </summary>
public sealed class StoryClustererFingerprintTests
{
    private const string SharedCorpusGolden = "538b34981fe727ccd2d9077dd39acb63315a1175aa19e0d8358c40d1d19819c5";
    private const string SyntheticGolden = "989e912b467589d43e05dba57957ee4863345263f7666f80f735f51cc5f692b9";

    [SharedDataFact]
    public void TheSharedCorpusClustersAsBeforeTheSplit()
    {
        var parser = Parsers.Create();
        var files = Directory.GetFiles(RepositoryPaths.Samples).Concat(Directory.GetFiles(RepositoryPaths.Corpus))
            .Order(StringComparer.Ordinal)
            .ToList();
        var members = new List<(StoryMember Member, UInt128[] Related, ulong[] Providers)>();
        foreach (var file in files)
        {
            var article = parser.Parse(File.ReadAllBytes(file), Path.GetFileName(file)).Article!;
            var summary = ArticleSummary.From(article, DateTimeOffset.UnixEpoch, TextSketch.Encode(TextSketch.Compute(TextSketch.TextOf(article))));
            members.Add((StoryMembers.From(summary, 40), [.. StoryMembers.RelatedIds(summary)], [.. StoryMembers.RelatedProviders(summary)]));
        }

        var (hash, stories) = Fingerprint(members);

        Assert.True(stories > 10 && stories < members.Count, $"{stories} stories of {members.Count} articles");
        Assert.True(SharedCorpusGolden == hash, $"fingerprint {hash}");
    }

    [Fact]
    public void ASyntheticCollectionClustersAsBeforeTheSplit()
    {
        // 6,000 articles over 120 days from a skewed vocabulary: frequent words, many candidates per article (so the
        // cut to the 32 sharing most rare words matters), text-only and undated articles, related lists within and
        // across stories. The shared corpus alone is too small to reach most of these paths.
        var members = SyntheticCollection.Generate(6_000, seed: 15);

        var (hash, stories) = Fingerprint(members);

        Assert.True(stories > 500 && stories < members.Count, $"{stories} stories of {members.Count} articles");
        Assert.True(SyntheticGolden == hash, $"fingerprint {hash}");
    }

    private static (string Hash, int Stories) Fingerprint(List<(StoryMember Member, UInt128[] Related, ulong[] Providers)> members)
    {
        var clusterer = new StoryClusterer(new StoryOptions());
        foreach (var (member, related, providers) in members)
        {
            clusterer.Add(member, related, providers);
        }

        var stories = clusterer.Cluster();
        var text = new StringBuilder();
        for (var i = 0; i < members.Count; i++)
        {
            var s = stories[i];
            text.Append(CultureInfo.InvariantCulture, $"{StoryClusterer.FormatId(members[i].Member.Id)} {s.StoryId} {s.Articles} {s.Providers} {s.MaxQuality}\n");
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        return (hash, stories.Select(s => s.StoryId).Distinct().Count());
    }
}
