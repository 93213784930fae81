using Microsoft.Extensions.DependencyInjection;
using Serverless.Domain.Stores;

namespace Serverless.IntegrationTests.Support;

/// <summary>Checks the topic counts against the stored articles, counted here from the scores.</summary>
public static class StoryAssertions
{
    public static async Task AssertCountsMatchArticlesAsync(IServiceProvider pipeline)
    {
        var summaries = await pipeline.GetRequiredService<ArticleStore>().GetSummariesAsync().Where(s => s.Score is not null).ToListAsync();
        var expected = summaries
            .SelectMany(s => s.Score!.TopicIds.Select(topic => (Topic: topic, s.Score.Published)))
            .GroupBy(t => t.Topic, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(t => t.Published), StringComparer.Ordinal);
        var stats = await pipeline.GetRequiredService<TopicStatsStore>().GetAllAsync(CancellationToken.None);
        Assert.Equal(
            expected.OrderBy(e => e.Key, StringComparer.Ordinal),
            stats.Where(s => s.Value.Listed > 0).Select(s => KeyValuePair.Create(s.Key, s.Value.Articles)).OrderBy(e => e.Key, StringComparer.Ordinal));
    }
}
