using Microsoft.Extensions.DependencyInjection;
using Serverless.Domain.Articles;
using Serverless.Domain.Rescoring;
using Serverless.Domain.Scoring;
using Serverless.Domain.Stores;

namespace Serverless.Bench;

/// <summary>
/// Writes stories of a chosen size straight into the Stories table, members placed and head built as a run leaves
/// them, so the feed benchmark can time story pages of 20 and 2,000 members without clustering that many articles.
/// </summary>
public static class StoryPageLoader
{
    public static async Task<string> WriteAsync(IServiceProvider pipeline, int size)
    {
        var now = DateTimeOffset.UtcNow;
        var storyId = StoryIds.Format(((UInt128)0xbe9c << 112) + (UInt128)size);
        var outlets = Math.Max(1, size / 2);
        var members = new List<StoryMemberEntry>(size);
        for (var i = 0; i < size; i++)
        {
            var id = ((UInt128)0xbe9c << 112) + ((UInt128)(size * 10_000 + i) << 32);
            var published = now.AddMinutes(-5 * i);
            var domain = $"news{i % outlets}.example";
            var score = new ArticleScore(storyId, size, outlets, 80 + (i % 30), true, ["ai"]);
            var record = new ScoringRecord(StoryIds.Format(id), null, 40 + (i % 60), published, score, ["ai"], new StoryMember(id, published.UtcTicks, false, 40 + (i % 60), (ulong)(i % outlets) + 1, []), [], []);
            members.Add(new StoryMemberEntry(id, record, $"Outlet {i % outlets} on the benchmark story, take {i}", $"https://{domain}/{i}", $"News {i % outlets}", domain, published, $"https://{domain}/{i}.jpg", new StoryJoinReason(StoryJoinReason.Text, storyId, 0.4))
            {
                Excerpt = "A paragraph of the article as its excerpt, about as long as a real one is in the corpus, so that page sizes are realistic.",
            });
        }

        var placed = StoryMemberOrder.Place(members);
        var stories = pipeline.GetRequiredService<StoryStore>();
        await stories.WriteMembersAsync(placed.Select(m => (storyId, m)), CancellationToken.None);
        await stories.WriteHeadsAsync([StoryHeadBuilder.Build(storyId, outlets, now.UtcTicks, placed, pipeline.GetRequiredService<HeatScorer>())], CancellationToken.None);
        return storyId;
    }
}
