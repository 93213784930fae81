using Microsoft.Extensions.Options;
using Serverless.Domain.Articles;
using Serverless.Domain.Scoring;
using Serverless.Domain.Stores;
using Serverless.Domain.Topics;

namespace Serverless.Domain.Feeds;

/// <summary>
/// Reads topics and topic feeds. A feed page is one ordered range read of the topic's index partition (hottest first by
/// row key), bounded by the cursor and by <c>minHeat</c> (see <see cref="TopicIndexStore.ReadPageAsync"/>).
/// </summary>
public sealed class TopicFeedQuery
{
    private readonly TopicIndexStore _index;
    private readonly TopicStatsStore _stats;
    private readonly TopicTaxonomy _taxonomy;
    private readonly HeatScorer _scorer;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _pageCacheDuration;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, int, string?, double?), (DateTimeOffset Loaded, Task<(IReadOnlyList<FeedItem>, string?)> Page)> _pages = new();
    private (DateTimeOffset Loaded, Task<Dictionary<string, TopicStats>> Stats)? _statsCache;

    /// <summary>How long topic stats are reused: they change only when rescoring runs, and responses are cached longer.</summary>
    public static readonly TimeSpan StatsCacheDuration = TimeSpan.FromSeconds(30);

    public TopicFeedQuery(TopicIndexStore index, TopicStatsStore stats, TopicTaxonomy taxonomy, HeatScorer scorer, TimeProvider clock, IOptions<FeedOptions> options, FeedCacheInvalidator invalidator)
    {
        invalidator.TopicsChanged += Forget;
        _pageCacheDuration = TimeSpan.FromSeconds(options.Value.PageCacheSeconds);
        _index = index;
        _stats = stats;
        _taxonomy = taxonomy;
        _scorer = scorer;
        _clock = clock;
    }

    /// <summary>Every topic of the taxonomy, and any other topic articles use, hottest first.</summary>
    public async Task<IReadOnlyList<TopicInfo>> ListTopicsAsync(CancellationToken cancellationToken)
    {
        var stats = await StatsAsync(cancellationToken);
        var now = _clock.GetUtcNow();
        var ids = _taxonomy.Topics.Select(t => t.Id).Concat(stats.Keys).Distinct(StringComparer.Ordinal);
        return ids.Select(id => Describe(id, stats.GetValueOrDefault(id), now))
            .OrderByDescending(t => t.HottestHeat ?? -1)
            .ThenBy(t => t.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>The topic, or null when neither the taxonomy nor any article knows it.</summary>
    public async Task<TopicInfo?> GetTopicAsync(string topicId, CancellationToken cancellationToken)
    {
        // From the cached stats of all topics: one feed request is then one storage request, the range read.
        var stats = (await StatsAsync(cancellationToken)).GetValueOrDefault(topicId);
        return stats is null && _taxonomy.Find(topicId) is null ? null : Describe(stats?.TopicId ?? _taxonomy.Find(topicId)!.Id, stats, _clock.GetUtcNow());
    }

    /// <summary>Up to <paramref name="limit"/> items after the row key <paramref name="after"/>, hottest first.</summary>
    public Task<(IReadOnlyList<FeedItem> Items, string? LastRowKey)> GetPageAsync(
        string topicId, int limit, string? after, double? minHeat, CancellationToken cancellationToken)
    {
        if (_pageCacheDuration <= TimeSpan.Zero)
        {
            return ReadPageAsync(topicId, limit, after, minHeat, cancellationToken);
        }

        var now = _clock.GetUtcNow();
        var key = (topicId, limit, after, minHeat);
        if (_pages.TryGetValue(key, out var cached) && now - cached.Loaded < _pageCacheDuration && cached.Page.IsCompletedSuccessfully)
        {
            return cached.Page;
        }

        if (_pages.Count > 10_000)
        {
            // Bounded: hostile cursors or minHeat values cannot grow the cache without limit.
            _pages.Clear();
        }

        var page = ReadPageAsync(topicId, limit, after, minHeat, CancellationToken.None);
        _pages[key] = (now, page);
        return page.WaitAsync(cancellationToken);
    }

    private async Task<(IReadOnlyList<FeedItem> Items, string? LastRowKey)> ReadPageAsync(
        string topicId, int limit, string? after, double? minHeat, CancellationToken cancellationToken)
    {
        await _index.WhenWrittenAsync(topicId, cancellationToken);
        var now = _clock.GetUtcNow();
        var lowest = minHeat is { } heat ? HeatScorer.RankKey(_scorer.RankForHeat(heat, now)) + "`" : "~";
        var (rows, more) = await _index.ReadPageAsync(topicId, after, lowest, limit, cancellationToken);
        return (rows.Select(row => ToItem(row, now)).ToList(), more ? rows[^1].RowKey : null);
    }

    /// <summary>Drops the cached pages of <paramref name="topics"/> and the topic stats (counts, hottest heat, new topics).</summary>
    private void Forget(IReadOnlyCollection<string> topics)
    {
        _statsCache = null;
        foreach (var key in _pages.Keys.Where(k => topics.Contains(k.Item1)).ToList())
        {
            _pages.TryRemove(key, out _);
        }
    }

    private Task<Dictionary<string, TopicStats>> StatsAsync(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var cached = _statsCache;
        if (cached is { } entry && now - entry.Loaded < StatsCacheDuration && !entry.Stats.IsFaulted && !entry.Stats.IsCanceled)
        {
            return entry.Stats;
        }

        var load = _stats.GetAllAsync(cancellationToken);
        _statsCache = (now, load);
        return load;
    }

    private TopicInfo Describe(string id, TopicStats? stats, DateTimeOffset now)
    {
        var definition = _taxonomy.Find(id);
        var hottest = stats is { Articles: > 0, TopPublished: { } published } ? _scorer.HeatAt(stats.TopBaseHeat, published, now) : (double?)null;
        return new TopicInfo(id, definition?.Name ?? stats?.Name ?? id, definition?.ParentId ?? stats?.ParentId, stats?.Articles ?? 0, hottest);
    }

    private FeedItem ToItem(TopicIndexEntry row, DateTimeOffset now)
    {
        var published = row.PublishedDateTime ?? now;
        return new FeedItem(
            row.ArticleId,
            row.Title,
            row.Excerpt,
            SafeUrl(row.Url),
            published,
            row.ProviderName is null && row.ProviderDomain is null ? null : new FeedProvider(row.ProviderName, row.ProviderDomain),
            SafeUrl(row.ImageUrl) is { } safe ? [safe] : [],
            _scorer.HeatAt(row.BaseHeat, row.RankedAt ?? published, now),
            row.Topics,
            row.StoryId,
            row.StorySize);
    }

    /// <summary>Only absolute http(s) links leave the service: no javascript:, data: or relative URLs.</summary>
    public static string? SafeUrl(string? url) =>
        UrlCanonicalizer.Canonicalize(url) is null ? null : new Uri(url!.Trim()).AbsoluteUri;
}
