using Serverless.Domain.Articles;
using Serverless.Domain.Stores;

namespace Serverless.Domain.Maintenance;

/// <summary>
/// Rows stored before links followed <see cref="ArticleLink"/> hold the canonical identity URL as the article's link,
/// in its summary and in its index rows. This step sets both to the link its document gives (webUrl, else
/// originalUrl, as uploaded), so stored articles link where new uploads do.
/// </summary>
public sealed class ArticleLinkStep : IArchiveStep
{
    private readonly ArticleStore _articles;
    private readonly TopicIndexStore _index;

    public ArticleLinkStep(ArticleStore articles, TopicIndexStore index)
    {
        _articles = articles;
        _index = index;
    }

    public string Name => "article-links-1";

    public async Task<int> ApplyAsync(IReadOnlyList<StoredArticle> batch, DateTimeOffset passStartedAt, CancellationToken cancellationToken)
    {
        var stale = batch
            .Select(stored => (Stored: stored, Link: ArticleLink.From(stored.Article.WebUrl, stored.Article.OriginalUrl)))
            .Where(s => s.Link != s.Stored.Summary.Url)
            .ToList();
        var changed = 0;
        foreach (var shard in stale.GroupBy(s => ArticleEntityCodec.PartitionKeyOf(s.Stored.Summary.Id), StringComparer.Ordinal))
        {
            var updated = await _articles.UpdateLinksAsync(shard.Key, [.. shard.Select(s => (s.Stored.Summary.Id, s.Link, s.Stored.ETag))], cancellationToken);
            var rows = new List<(TopicIndexRow, ArticleSummary)>();
            foreach (var (stored, link) in shard.Where(s => updated.Contains(s.Stored.Summary.Id)))
            {
                var summary = stored.Summary with { Url = link };
                rows.AddRange(_index.RowsFor(summary.Id, summary.Score, summary.EffectivePublished).Select(row => (row, summary)));
            }

            // Only rows that are there: an ingest that replaced the article meanwhile moved its rows, with its own link.
            await _index.UpdateExistingRowsAsync(rows, cancellationToken);
            changed += updated.Count;
        }

        return changed;
    }
}
