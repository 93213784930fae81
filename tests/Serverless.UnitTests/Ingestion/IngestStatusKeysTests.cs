using System.Text;
using Serverless.Domain.Ingestion;

namespace Serverless.UnitTests.Ingestion;

public sealed class IngestStatusKeysTests
{
    private static readonly string[] Names =
    [
        "a.md", "a/b.md", "a0.md", "A.md", "nyt/2024/01/story.md", "nyt/2024/01/story.md.bak", "z", "~tilde",
        "café.md", "cafe\u0301.md", "日本/記事.md", "Ünïcödé/ß.md", "emoji-😀.md", "\uE000private.md", "\uFFFD.md", "x y#?\\.md",
    ];

    [Fact]
    public void KeysSortAsTheNamesUtf8BytesDo()
    {
        var byName = Names.Order(Utf8Order.Instance).ToList();
        var byKey = Names.OrderBy(IngestStatusKeys.For, StringComparer.Ordinal).ToList();

        Assert.Equal(byName, byKey);
    }

    [Fact]
    public void KeysHoldOnlyCharactersKeysAllowAndNeverLookLikeLegacyKeys()
    {
        foreach (var name in Names.Append(new string('é', 600)))
        {
            var key = IngestStatusKeys.For(name);
            Assert.Matches("^n[0-9a-f]*(-[0-9a-f]{32})?$", key);
            Assert.True(string.CompareOrdinal(key, IngestStatusKeys.LegacyUpperBound) > 0);
            Assert.True(string.CompareOrdinal(IngestStatusKeys.Legacy(name), IngestStatusKeys.LegacyUpperBound) < 0);
            Assert.NotEqual(IngestStatusKeys.Legacy(name), key);
        }
    }

    [Fact]
    public void LongNamesGetBoundedDistinctKeysThatSortByTheirPrefix()
    {
        var prefix = new string('a', IngestStatusKeys.MaxEncodedBytes);
        var longA = prefix + "/one-" + new string('x', 900);
        var longB = prefix + "/two-" + new string('x', 900);
        var multiByte = new string('日', 400); // 1,200 UTF-8 bytes

        var keys = new[] { longA, longB, multiByte }.Select(IngestStatusKeys.For).ToList();

        Assert.All(keys, key => Assert.InRange(key.Length, 1, 512));
        Assert.Equal(3, keys.Distinct().Count());
        Assert.StartsWith(IngestStatusKeys.For(prefix), keys[0], StringComparison.Ordinal);
        // Names that differ within the encoded prefix still sort as the names do.
        Assert.True(string.CompareOrdinal(IngestStatusKeys.For("b" + prefix + "tail"), keys[0]) > 0);
        Assert.True(string.CompareOrdinal(IngestStatusKeys.For("a"), keys[0]) < 0);
        Assert.Equal(IngestStatusKeys.For(longA), keys[0]);
    }

    [Fact]
    public void NamesThatFitAreEncodedInFullAndReversibly()
    {
        foreach (var name in Names)
        {
            var key = IngestStatusKeys.For(name);
            Assert.Equal(name, Encoding.UTF8.GetString(Convert.FromHexString(key[IngestStatusKeys.Prefix.Length..])));
        }
    }

    private sealed class Utf8Order : IComparer<string>
    {
        public static readonly Utf8Order Instance = new();

        public int Compare(string? x, string? y) => Encoding.UTF8.GetBytes(x!).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y!));
    }
}
