using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Domain.Stores;

namespace Serverless.IntegrationTests.Support;

/// <summary>Checks the topic counts against the stored articles, and the story pages' rows against the stories.</summary>
public static class StoryAssertions
{
    public static async Task AssertCountsMatchArticlesAsync(IServiceProvider pipeline)
    {
        var summaries = await pipeline.GetRequiredService<ArticleStore>().GetSummariesAsync().Where(s => s.Score is not null && s.Withdrawal is null).ToListAsync();
        var expected = summaries
            .SelectMany(s => s.Score!.TopicIds.Select(topic => (Topic: topic, s.Score.Published)))
            .GroupBy(t => t.Topic, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(t => t.Published), StringComparer.Ordinal);
        var stats = await pipeline.GetRequiredService<TopicStatsStore>().GetAllAsync(CancellationToken.None);
        Assert.Equal(
            expected.OrderBy(e => e.Key, StringComparer.Ordinal),
            stats.Where(s => s.Value.Listed > 0).Select(s => KeyValuePair.Create(s.Key, s.Value.Articles)).OrderBy(e => e.Key, StringComparer.Ordinal));
    }

    /// <summary>
    /// The rows story pages read agree with the stories, read raw: a standing story has one page-order row and one
    /// newest-first row per member, as many as its head counts; a story merged away or gone has none; and each topic
    /// lists a standing story once, at the rank its head names, and every listing its head names.
    /// </summary>
    public static async Task AssertStoryPagesMatchStoriesAsync(IServiceProvider pipeline)
    {
        var rows = await pipeline.RawTable(o => o.StoriesTable).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey", "Members", "MergedInto", "Gone", "Listed", "StoryId"]).ToListAsync();
        var heads = rows.Where(r => r.PartitionKey.StartsWith('s') && r.RowKey == "h").ToDictionary(r => r.PartitionKey[1..], StringComparer.Ordinal);
        foreach (var story in rows.Where(r => r.PartitionKey.StartsWith('s')).GroupBy(r => r.PartitionKey[1..], StringComparer.Ordinal))
        {
            var head = heads[story.Key];
            var members = story.Where(r => r.RowKey.StartsWith('m')).Select(r => r.RowKey[^32..]).ToList();
            var recent = story.Where(r => r.RowKey.StartsWith('r')).Select(r => r.RowKey[^32..]).ToList();
            var stands = head.GetString("MergedInto") is null && head.GetBoolean("Gone") != true;
            Assert.Equal(stands ? head.GetInt32("Members") : 0, members.Count);
            Assert.Equal(members.Count, members.Distinct(StringComparer.Ordinal).Count());
            Assert.Equal(members.Order(StringComparer.Ordinal), recent.Order(StringComparer.Ordinal));
        }

        var listed = rows.Where(r => r.PartitionKey.StartsWith('t')).Select(r => (Topic: r.PartitionKey[1..], RankKey: r.RowKey[..r.RowKey.LastIndexOf('_')], Story: r.GetString("StoryId")!)).ToList();
        var expected = heads.Where(h => h.Value.GetString("MergedInto") is null && h.Value.GetBoolean("Gone") != true)
            .SelectMany(h => (h.Value.GetString("Listed") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(pair => (Topic: pair.Split('=')[0], RankKey: pair.Split('=')[1], Story: h.Key)))
            .ToList();
        Assert.Equal(expected.Order(), listed.Order());
    }
}
