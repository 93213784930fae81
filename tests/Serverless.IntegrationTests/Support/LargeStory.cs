using Microsoft.Extensions.DependencyInjection;
using Serverless.Domain.Articles;
using Serverless.Domain.Rescoring;
using Serverless.Domain.Scoring;
using Serverless.Domain.Stores;

namespace Serverless.IntegrationTests.Support;

/// <summary>
/// A story of many members written straight into the Stories table, as a run leaves it (members placed, head built),
/// so paging can be tested at sizes no test would ingest: four in five members ingested, the rest related-only.
/// </summary>
public static class LargeStory
{
    public static async Task<string> WriteAsync(IServiceProvider pipeline, int members, DateTimeOffset began)
    {
        var storyId = StoryIds.Format(UInt128.MaxValue - (UInt128)members);
        var entries = Enumerable.Range(0, members).Select(i => Member(storyId, i, members, began)).ToList();
        var placed = StoryMemberOrder.Place(entries);
        var head = StoryHeadBuilder.Build(storyId, members / 3, began.UtcTicks, placed, pipeline.GetRequiredService<HeatScorer>());
        var stories = pipeline.GetRequiredService<StoryStore>();
        await stories.WriteMembersAsync(placed.Select(m => (storyId, m)), CancellationToken.None);
        await stories.WriteHeadsAsync([head], CancellationToken.None);
        return storyId;
    }

    private static StoryMemberEntry Member(string storyId, int i, int members, DateTimeOffset began)
    {
        var id = (UInt128)(i + 1) << 64;
        var published = began.AddMinutes(i);
        var outlet = $"outlet{i % (members / 3)}.example";
        var url = $"https://{outlet}/story/{i}";
        if (i % 5 == 4)
        {
            return new StoryMemberEntry(id, null, $"Related {i}", url, null, outlet, published, null, new StoryJoinReason(StoryJoinReason.CitedBy, StoryIds.Format(1UL << 64), null));
        }

        var articleId = StoryIds.Format(id);
        var score = new ArticleScore(storyId, members, members / 3, 50 + (i % 40), true, ["ai"]);
        var record = new ScoringRecord(articleId, null, i % 100, published, score, ["ai"], new StoryMember(id, published.UtcTicks, false, i % 100, (ulong)(i % (members / 3)) + 1, []), [], []);
        var reason = i == 0 ? new StoryJoinReason(StoryJoinReason.First, null, null) : new StoryJoinReason(StoryJoinReason.Text, StoryIds.Format(1UL << 64), 0.5);
        return new StoryMemberEntry(id, record, $"Article {i}", url, $"Outlet {i % (members / 3)}", outlet, published, $"https://{outlet}/image/{i}.jpg", reason)
        {
            Excerpt = $"Excerpt {i}",
        };
    }
}
