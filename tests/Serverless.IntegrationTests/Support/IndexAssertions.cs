using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Domain.Scoring;
using Serverless.Domain.Storage;

namespace Serverless.IntegrationTests.Support;

/// <summary>Reads the topic index and computes what it should hold from the stored scores.</summary>
public static class IndexAssertions
{
    public static async Task<List<(string Topic, string RowKey)>> ActualRowsAsync(IServiceProvider pipeline)
    {
        // Ingests write index rows behind; what they queued is part of the index.
        var index = pipeline.GetRequiredService<TopicIndexStore>();
        await index.FlushAsync(CancellationToken.None);
        return await index.Table
            .QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"])
            .Select(e => (e.PartitionKey, e.RowKey))
            .ToListAsync();
    }

    public static async Task<List<(string Topic, string RowKey)>> ExpectedRowsAsync(IServiceProvider pipeline)
    {
        var index = pipeline.GetRequiredService<TopicIndexStore>();
        var expected = new List<(string, string)>();
        await foreach (var summary in pipeline.GetRequiredService<ArticleStore>().GetSummariesAsync())
        {
            expected.AddRange(index.RowsFor(summary.Id, summary.Score, summary.EffectivePublished).Select(r => (r.TopicId, r.RowKey)));
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
