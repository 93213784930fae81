using Serverless.Domain.Articles;
using Serverless.Domain.Scoring;
using Serverless.Domain.Stores;

namespace Serverless.Bench;

/// <summary>
/// An archive of any size that is never held: each row a rescoring run reads (an article's scoring record, the story an
/// id is in, a story's members, a day's articles) is generated from the article's index by a hash, the same every time
/// it is asked, so 10,000,000 articles cost nothing until read. Articles are in publication order by index, an even
/// number a day, ending a day before now. Consecutive articles form the stored stories (never across a block of
/// <see cref="Block"/>): most alone, the others by text (shared words) or by URL (related lists citing each other and a
/// URL known only from related lists), as earlier runs left them.
/// </summary>
public sealed class SimulatedArchive
{
    private const int Block = 16;
    private const int Words = 32;
    private const int StoryWords = 16;
    private const ulong Vocabulary = 200_000;
    private const ulong Outlets = 3_000;
    private const ulong ArticleDomain = 1;
    private const ulong RelatedDomain = 2;
    private const ulong ArrivalDomain = 3;
    private static readonly string[] TopicIds = ["ai", "ai-models", "ai-policy", "ai-chips", "robotics", "ai-jobs", "ai-research", "ai-safety"];
    private readonly ulong _seed;
    private readonly long _startTicks;
    private readonly double _slotTicks;
    private readonly Func<int?, StoryCoverage, IReadOnlyList<string>, ArticleScore> _score;

    /// <param name="size">Articles in the archive.</param>
    /// <param name="perDay">Articles published a day: the archive spans size / perDay days.</param>
    /// <param name="now">The run's clock: the archive ends a day before it.</param>
    /// <param name="seed">Picks the archive: the same seed, the same rows.</param>
    /// <param name="score">The heat formula, for the scores earlier runs stored.</param>
    public SimulatedArchive(long size, double perDay, DateTimeOffset now, ulong seed, Func<int?, StoryCoverage, IReadOnlyList<string>, ArticleScore> score)
    {
        Size = size;
        SpanDays = size / perDay;
        End = now.AddDays(-1);
        _seed = seed;
        _score = score;
        _startTicks = End.UtcTicks - TimeSpan.FromDays(SpanDays).Ticks;
        _slotTicks = TimeSpan.FromDays(SpanDays).Ticks / (double)size;
    }

    public long Size { get; }

    public double SpanDays { get; }

    public DateTimeOffset End { get; }

    public DateTimeOffset Start => new(_startTicks, TimeSpan.Zero);

    /// <summary>An archive article as the run reads it (its score the one earlier runs stored).</summary>
    public ScoringRecord Record(long index)
    {
        var (start, end) = StoryOf(index);
        var kind = KindOf(start, end);
        var storyId = StoryIds.Format(Enumerable.Range(0, (int)(end - start)).Select(k => Id(ArticleDomain, start + k)).Min());
        var providers = new HashSet<ulong>();
        var quality = 0;
        for (var k = start; k < end; k++)
        {
            providers.Add(Provider(k));
            quality = Math.Max(quality, Quality(k));
        }

        UInt128[] related = kind != StoryKind.Url ? [] : index == start ? [Id(RelatedDomain, start)] : [Id(ArticleDomain, start), Id(RelatedDomain, start)];
        ulong[] relatedProviders = kind == StoryKind.Url ? [Provider(start + 7919)] : [];
        providers.UnionWith(relatedProviders);
        var topics = Topics(ArticleDomain, index);
        var coverage = new StoryCoverage(storyId, (int)(end - start) + (kind == StoryKind.Url ? 1 : 0), providers.Count, quality);
        var published = new DateTimeOffset(_startTicks + (long)((index + Unit(Hash(ArticleDomain, (ulong)index, 1))) * _slotTicks), TimeSpan.Zero);
        var sketch = Sketch(ArticleDomain, index, kind == StoryKind.Text ? start : null);
        return Build(Id(ArticleDomain, index), published, Quality(index), Provider(index), sketch, related, relatedProviders, topics, _score(Quality(index), coverage, topics));
    }

    /// <summary>The story each id is in (the node rows): every archive article is in one, and so is each URL a URL story's related lists name.</summary>
    public Dictionary<UInt128, string> FindStories(IEnumerable<UInt128> ids)
    {
        var found = new Dictionary<UInt128, string>();
        foreach (var id in ids.Distinct())
        {
            if (IndexOf(ArticleDomain, id) is { } index)
            {
                found[id] = Record(index).Score!.StoryId;
            }
            else if (IndexOf(RelatedDomain, id) is { } start && StoryOf(start).Start == start && KindOf(start, StoryOf(start).End) == StoryKind.Url)
            {
                found[id] = Record(start).Score!.StoryId;
            }
        }

        return found;
    }

    /// <summary>A story's head and every member (one partition read in the real store).</summary>
    public (StoryHead? Head, List<StoryMemberEntry> Members) ReadStory(string storyId)
    {
        if (IndexOf(ArticleDomain, StoryIds.Parse(storyId)) is not { } index)
        {
            return (null, []);
        }

        var (start, end) = StoryOf(index);
        var members = new List<StoryMemberEntry>();
        for (var k = start; k < end; k++)
        {
            var record = Record(k);
            members.Add(new StoryMemberEntry(record.Member.Id, record, $"Article {k}", $"https://outlet{Provider(k) % Outlets}.example/{k}", null, null, record.Published, null, null));
        }

        if (KindOf(start, end) == StoryKind.Url)
        {
            members.Add(new StoryMemberEntry(Id(RelatedDomain, start), null, $"Cited {start}", $"https://cited.example/{start}", null, null, null, null, null));
        }

        var began = members.Select(m => m.Record?.Member.PublishedTicks).OfType<long>().Min();
        var head = new StoryHead(storyId, members.Count, (int)(end - start), members[0].Record!.Score!.StoryProviders, began, null, null, string.Empty, null, false);
        return (head, members);
    }

    /// <summary>The heads of the ids that name a story (a story is named by its smallest member id).</summary>
    public Dictionary<string, StoryHead> ReadHeads(IEnumerable<string> storyIds)
    {
        var heads = new Dictionary<string, StoryHead>(StringComparer.Ordinal);
        foreach (var id in storyIds)
        {
            if (IndexOf(ArticleDomain, StoryIds.Parse(id)) is { } index && Record(index).Score!.StoryId == id)
            {
                heads[id] = ReadStory(id).Head!;
            }
        }

        return heads;
    }

    /// <summary>The day rows of a day: the archive articles published that day, with their stories.</summary>
    public List<StoryDayEntry> ReadDay(DateOnly day)
    {
        var from = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).UtcTicks;
        var first = Math.Max(0, (long)Math.Floor((from - _startTicks) / _slotTicks) - 1);
        var last = Math.Min(Size - 1, (long)Math.Ceiling((from + TimeSpan.TicksPerDay - _startTicks) / _slotTicks) + 1);
        var rows = new List<StoryDayEntry>();
        for (var index = first; index <= last; index++)
        {
            var record = Record(index);
            if (StoryStore.DayOf(record) == day)
            {
                rows.Add(new StoryDayEntry(record, record.Score!.StoryId));
            }
        }

        return rows;
    }

    /// <summary>
    /// New articles published in the day before now, not yet in any story: one in 50 cites an archive article's URL
    /// (anywhere in the archive, so it joins an old story), one in 50 a URL an old URL story's related lists name, one in
    /// 50 says what a text story of the archive's last three days says; about half share words in groups of five.
    /// </summary>
    public List<ScoringRecord> Arrivals(int count, DateTimeOffset now)
    {
        var recentTextStories = RecentTextStories(count / 50 + 1);
        var arrivals = new List<ScoringRecord>();
        for (var j = 0; j < count; j++)
        {
            var role = j % 50;
            UInt128[] related = role switch
            {
                0 => [Id(ArticleDomain, (long)(Hash(ArrivalDomain, (ulong)j, 2) % (ulong)Size))],
                1 => [Id(RelatedDomain, OldUrlStory((long)(Hash(ArrivalDomain, (ulong)j, 3) % (ulong)Size)))],
                _ => [],
            };
            long? storyWordsOf = role == 2 ? recentTextStories[j / 50 % recentTextStories.Count] : null;
            var group = j / 5;
            var sketch = storyWordsOf is not null || Hash(ArrivalDomain, (ulong)group, 4) % 2 == 0
                ? Sketch(ArrivalDomain, j, storyWordsOf, storyWordsOf is null ? group : null)
                : Sketch(ArrivalDomain, j, null);
            var published = now - TimeSpan.FromHours(24 * Unit(Hash(ArrivalDomain, (ulong)j, 1)));
            var quality = 20 + (int)(Hash(ArrivalDomain, (ulong)j, 5) % 60);
            var provider = Hash(ArrivalDomain, (ulong)j, 6) % Outlets;
            arrivals.Add(Build(Id(ArrivalDomain, j), published, quality, Hash(provider, 0, 7) | 1, sketch, related, related.Length > 0 ? [Provider(j)] : [], Topics(ArrivalDomain, j), null));
        }

        return arrivals;
    }

    private static ScoringRecord Build(UInt128 id, DateTimeOffset published, int quality, ulong provider, uint[] sketch, UInt128[] related, ulong[] relatedProviders, IReadOnlyList<string> topics, ArticleScore? score) =>
        new(StoryIds.Format(id), "v1", quality, published, score, topics, new StoryMember(id, published.UtcTicks, false, quality, provider, sketch), related, relatedProviders);

    /// <summary>The story an archive article is in: the run of indices from the last story start at or before it to the next.</summary>
    private (long Start, long End) StoryOf(long index)
    {
        var start = index;
        while (!IsStoryStart(start))
        {
            start--;
        }

        var end = index + 1;
        while (end < Size && !IsStoryStart(end))
        {
            end++;
        }

        return (start, end);
    }

    // Each article starts a story of its own with a 60% chance, and always at a block's start: runs of 1 to 16.
    private bool IsStoryStart(long index) => index % Block == 0 || Hash(ArticleDomain, (ulong)index, 8) % 100 < 60;

    private StoryKind KindOf(long start, long end) =>
        end - start == 1 ? StoryKind.Alone : Hash(ArticleDomain, (ulong)start, 9) % 2 == 0 ? StoryKind.Text : StoryKind.Url;

    private long OldUrlStory(long from)
    {
        for (var start = StoryOf(from).Start; ; start = StoryOf(start).End % Size)
        {
            if (KindOf(start, StoryOf(start).End) == StoryKind.Url)
            {
                return start;
            }
        }
    }

    private List<long> RecentTextStories(int count)
    {
        var found = new List<long>();
        for (var index = Size - 1; index >= 0 && found.Count < count; index = StoryOf(index).Start - 1)
        {
            var (start, end) = StoryOf(index);
            if (KindOf(start, end) == StoryKind.Text && Record(start).Published > End.AddDays(-3))
            {
                found.Add(start);
            }
        }

        return found;
    }

    /// <summary>Sorted distinct word hashes: half of them a story's (an archive text story, or a group of arrivals) when it has one, the rest the article's own.</summary>
    private uint[] Sketch(ulong domain, long index, long? archiveStory, long? arrivalGroup = null)
    {
        var words = new HashSet<uint>();
        var shared = archiveStory is not null || arrivalGroup is not null ? StoryWords : 0;
        for (var k = 0; k < shared; k++)
        {
            words.Add((uint)(archiveStory is { } s ? Hash(ArticleDomain, (ulong)s, 100 + (ulong)k) : Hash(ArrivalDomain, (ulong)arrivalGroup!.Value, 100 + (ulong)k)));
        }

        for (var k = 0; words.Count < Words; k++)
        {
            words.Add((uint)Hash(Hash(domain, (ulong)index, 200 + (ulong)k) % Vocabulary, 0, 10));
        }

        var sketch = words.ToArray();
        Array.Sort(sketch);
        return sketch;
    }

    private IReadOnlyList<string> Topics(ulong domain, long index)
    {
        var h = Hash(domain, (ulong)index, 11);
        var first = TopicIds[h % (ulong)TopicIds.Length];
        var second = TopicIds[(h >> 16) % (ulong)TopicIds.Length];
        return first == second ? [first] : [.. new[] { first, second }.Order(StringComparer.Ordinal)];
    }

    private int Quality(long index) => 20 + (int)(Hash(ArticleDomain, (ulong)index, 5) % 60);

    private ulong Provider(long index) => Hash(Hash(ArticleDomain, (ulong)index, 6) % Outlets, 0, 7) | 1;

    /// <summary>An id that encodes its index (low half, masked) and proves it (high half): ids decode without a lookup.</summary>
    private UInt128 Id(ulong domain, long index) => new(Hash(domain, (ulong)index, 12), (ulong)index ^ Hash(domain, 0, 13));

    private long? IndexOf(ulong domain, UInt128 id)
    {
        var index = (ulong)id ^ Hash(domain, 0, 13);
        var limit = domain == ArticleDomain || domain == RelatedDomain ? (ulong)Size : int.MaxValue;
        return index < limit && (ulong)(id >> 64) == Hash(domain, index, 12) ? (long)index : null;
    }

    private ulong Hash(ulong a, ulong b, ulong c) => Mix(_seed ^ Mix(a ^ Mix(b ^ Mix(c))));

    private static double Unit(ulong hash) => (hash >> 11) * (1.0 / (1UL << 53));

    // SplitMix64's finaliser: every input bit reaches every output bit.
    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    private enum StoryKind
    {
        Alone,
        Text,
        Url,
    }
}
