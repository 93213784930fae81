using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Domain.Scoring;
using Serverless.Domain.Stores;

namespace Serverless.IntegrationTests.Support;

/// <summary>Reads the topic index and computes what it should hold from the stored scores.</summary>
public static class IndexAssertions
{
    public static async Task<List<(string Topic, string RowKey)>> ActualRowsAsync(IServiceProvider pipeline)
    {
        // Ingests write index rows behind; what they queued is part of the index.
        var index = pipeline.GetRequiredService<TopicIndexStore>();
        await index.FlushAsync(CancellationToken.None);
        return await pipeline.RawIndexTable()
            .QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"])
            .Select(e => (e.PartitionKey, e.RowKey))
            .ToListAsync();
    }

    /// <summary>
    /// The rows the stored scores imply, computed here from the documented layout rather than by the production
    /// code that writes them, so that a bug there cannot agree with itself: one row per topic of a published
    /// article, keyed by its rank (log2 of its heat at the epoch) inverted from 1,000,000 and zero-padded, then its id.
    /// </summary>
    public static async Task<List<(string Topic, string RowKey)>> ExpectedRowsAsync(IServiceProvider pipeline)
    {
        var halfLifeHours = pipeline.GetRequiredService<IOptions<HeatOptions>>().Value.HalfLifeHours;
        var expected = new List<(string, string)>();
        await foreach (var summary in pipeline.GetRequiredService<ArticleStore>().GetSummariesAsync())
        {
            // A retracted or taken-down article keeps its last score, and is in no feed.
            if (summary.Score is not { Published: true } score || summary.Withdrawal is not null)
            {
                continue;
            }

            // README "Heat": a stated date ranks as stated unless it is past the first ingest plus 10 minutes; an undated
            // article ranks from its first ingest, or from its story's newest dated member (recorded with its score).
            var firstIngest = summary.FirstIngestedAt ?? summary.IngestedAt;
            var published = summary.PublishedDateTime is { } stated
                ? (stated > firstIngest.AddMinutes(10) ? firstIngest.AddMinutes(10) : stated)
                : score.RankedAt ?? firstIngest;
            var rank = Math.Log2(Math.Max(score.BaseHeat, 0.001)) + (published.ToUnixTimeSeconds() / 3600.0 / halfLifeHours);
            var key = Math.Clamp(1_000_000 - rank, 0, 9_999_999).ToString("0000000.000000", CultureInfo.InvariantCulture) + "_" + summary.Id;
            expected.AddRange(score.TopicIds.Select(topic => (topic, key)));
        }

        return expected;
    }

    public static async Task AssertIndexMatchesScoresAsync(IServiceProvider pipeline)
    {
        var actual = await ActualRowsAsync(pipeline);
        var expected = await ExpectedRowsAsync(pipeline);
        Assert.Equal(expected.Order(), actual.Order());
        // At most one row per article and topic: no duplicates under other rank keys.
        Assert.Equal(actual.Count, actual.Select(r => (r.Topic, TopicIndexRow.ArticleIdOf(r.RowKey))).Distinct().Count());
    }
}
