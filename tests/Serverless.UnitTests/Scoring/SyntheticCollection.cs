using Serverless.Domain.Scoring;

namespace Serverless.UnitTests.Scoring;

/// <summary>
/// A deterministic collection of story members for clustering tests: stories of 1 to 10 articles close in time that
/// share a few topic words, over background words drawn from a skewed vocabulary. Its own generator (SplitMix64), so
/// the collection is the same on every runtime.
/// </summary>
public static class SyntheticCollection
{
    private const int Vocabulary = 20_000;

    public static List<(StoryMember Member, UInt128[] Related, ulong[] Providers)> Generate(int count, ulong seed)
    {
        var random = new SplitMix(seed);
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;
        var result = new List<(StoryMember, UInt128[], ulong[])>(count);
        var story = 0;
        while (result.Count < count)
        {
            story++;
            var size = 1 + (int)random.Below(10);
            var center = start + (long)random.Below((ulong)TimeSpan.FromDays(120).Ticks);
            var topic = Enumerable.Range(0, 12).Select(_ => Word(2_000 + random.Below(Vocabulary - 2_000))).ToArray();
            var external = new UInt128(0xfeed, (ulong)story);
            for (var k = 0; k < size && result.Count < count; k++)
            {
                var id = new UInt128(random.Next(), random.Next());
                var words = new HashSet<uint>();
                foreach (var word in topic)
                {
                    if (random.Below(4) != 0)
                    {
                        words.Add(word);
                    }
                }

                var background = 20 + (int)random.Below(40);
                for (var w = 0; w < background; w++)
                {
                    // Cubing skews the draw to the low indexes: a few words are in most articles, most in a handful.
                    var u = random.Below(1_000_000) / 1_000_000.0;
                    words.Add(Word((ulong)(Vocabulary * u * u * u)));
                }

                var sketch = words.Order().Take(TextSketch.Size).ToArray();
                var kind = random.Below(100);
                long? published = kind < 3 ? null : center + (long)random.Below((ulong)TimeSpan.FromDays(4).Ticks) - TimeSpan.FromDays(2).Ticks;
                var textOnly = kind is >= 3 and < 6;
                var related = new List<UInt128>();
                if (k > 0 && random.Below(10) == 0)
                {
                    related.Add(result[^1].Item1.Id);
                }

                if (random.Below(12) == 0)
                {
                    related.Add(external);
                }

                var providers = random.Below(5) == 0 ? new[] { random.Below(60) + 1, random.Below(60) + 1 } : [];
                var member = new StoryMember(id, published, textOnly, (int)random.Below(101), random.Below(8) == 0 ? 0 : random.Below(60) + 1, sketch);
                result.Add((member, [.. related], providers));
            }
        }

        // Added in no particular order, as rescoring reads shards.
        for (var i = result.Count - 1; i > 0; i--)
        {
            var j = (int)random.Below((ulong)i + 1);
            (result[i], result[j]) = (result[j], result[i]);
        }

        return result;
    }

    private static uint Word(ulong index) => (uint)SplitMix.Mix(index + 0x9e37);

    private sealed class SplitMix(ulong state)
    {
        private ulong _state = state;

        public ulong Next() => Mix(_state += 0x9e3779b97f4a7c15);

        public ulong Below(ulong bound) => Next() % bound;

        public static ulong Mix(ulong z)
        {
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
            z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
            return z ^ (z >> 31);
        }
    }
}
