using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Serverless.Domain.Articles;
using Serverless.Domain.Ingestion;
using Serverless.Domain.Maintenance;
using Serverless.Domain.Rescoring;
using Serverless.Domain.Scoring;
using Serverless.Domain.Stores;
using Serverless.IntegrationTests.Support;

namespace Serverless.IntegrationTests.Scoring;

/// <summary>Stored stories across runs against a real Azurite: merges, splits, overlapping runs, an old archive.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StoryLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2023, 8, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly AzuriteFixture _azurite;

    public StoryLifecycleTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task AMergeNeedsTwoOutletsLinkingTheStoriesAndKeepsTheLargerStorysId()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync(FakeClock);
        var rescore = pipeline.GetRequiredService<RescoreRunner>();
        var a = await StoryArticles.IngestAsync(pipeline, "a", "Quantum chips ship", "2023-08-01T09:00:00Z");
        var a2 = await StoryArticles.IngestAsync(pipeline, "a2", "Orchards flourish in spring", "2023-08-01T09:30:00Z", "a");
        var b = await StoryArticles.IngestAsync(pipeline, "b", "Harbour cranes idle", "2023-08-01T10:00:00Z");
        await rescore.RunAsync(CancellationToken.None);
        var larger = await StoryOf(pipeline, a);
        Assert.Equal(larger, await StoryOf(pipeline, a2));
        var smaller = await StoryOf(pipeline, b);
        Assert.NotEqual(larger, smaller);

        // One roundup citing both joins one story (the one it links to most) and welds nothing.
        var c = await StoryArticles.IngestFromAsync(pipeline, "roundup.example", "c", "Glaciers retreat quietly", "2023-08-01T11:00:00Z", "a", "b");
        await rescore.RunAsync(CancellationToken.None);
        Assert.Equal((larger, smaller), (await StoryOf(pipeline, c), await StoryOf(pipeline, b)));

        // A second outlet linking the same two stories is independent evidence: they merge.
        var d = await StoryArticles.IngestFromAsync(pipeline, "digest.example", "d", "Kelp forests return", "2023-08-01T11:30:00Z", "a2", "b");
        var merge = await rescore.RunAsync(CancellationToken.None);

        Assert.True(merge.StoriesTouched >= 1);
        foreach (var id in new[] { a, a2, b, c, d })
        {
            Assert.Equal(larger, await StoryOf(pipeline, id));
        }

        var heads = await pipeline.GetRequiredService<StoryStore>().ReadHeadsAsync([larger, smaller], CancellationToken.None);
        Assert.Equal((larger, 5, 5), (heads[smaller].MergedInto, heads[larger].Members, heads[larger].Articles));
        Assert.Null(heads[larger].MergedInto);
        await IndexAssertions.AssertIndexMatchesScoresAsync(pipeline);
        await StoryAssertions.AssertStoryPagesMatchStoriesAsync(pipeline);
        Assert.Equal(0, (await rescore.RunAsync(CancellationToken.None)).Writes);
    }

    [Fact]
    public async Task ARemovalSplitsAStoryTheLargestPartKeepsItsIdAndTheArticleLeavesEveryFeed()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync(FakeClock);
        var rescore = pipeline.GetRequiredService<RescoreRunner>();
        var a = await StoryArticles.IngestAsync(pipeline, "a", "Quantum chips ship", "2023-08-01T09:00:00Z");
        var c = await StoryArticles.IngestAsync(pipeline, "c", "Harbour cranes idle", "2023-08-01T11:00:00Z");
        var b = await StoryArticles.IngestAsync(pipeline, "b", "Orchards flourish in spring", "2023-08-01T10:00:00Z", "a", "c");
        await rescore.RunAsync(CancellationToken.None);
        var story = await StoryOf(pipeline, a);
        Assert.Equal((story, story), (await StoryOf(pipeline, b), await StoryOf(pipeline, c)));

        await StoryArticles.RemoveAsync(pipeline, b);
        var split = await rescore.RunAsync(CancellationToken.None);

        // Two parts of one article each: the one that began first keeps the id, the other gets a new one.
        Assert.True(split.IndexRowsDeleted > 0);
        Assert.Equal(story, await StoryOf(pipeline, a));
        Assert.Equal(StoryIdentityPlanner.SplitId(story, c), await StoryOf(pipeline, c));
        var store = pipeline.GetRequiredService<ArticleStore>();
        Assert.Equal(1, (await store.GetSummaryAsync(a, CancellationToken.None))!.Score!.StorySize);
        Assert.DoesNotContain(await IndexAssertions.ActualRowsAsync(pipeline), r => r.RowKey.EndsWith(b, StringComparison.Ordinal));
        await IndexAssertions.AssertIndexMatchesScoresAsync(pipeline);
        await StoryAssertions.AssertCountsMatchArticlesAsync(pipeline);
        await StoryAssertions.AssertStoryPagesMatchStoriesAsync(pipeline);
        var (_, members) = await pipeline.GetRequiredService<StoryStore>().ReadStoryAsync(story, CancellationToken.None);
        Assert.Equal([StoryIds.Parse(a)], members.Select(m => m.Id));
        Assert.Equal(0, (await rescore.RunAsync(CancellationToken.None)).Writes);
    }

    [SharedDataFact]
    public async Task TwoOverlappingRunsConvergeOnTheSameIndexAndCounts()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync(FakeClock);
        foreach (var file in Directory.GetFiles(RepositoryPaths.Samples).Concat(Directory.GetFiles(RepositoryPaths.Corpus)))
        {
            await pipeline.GetRequiredService<ArticleIngestor>().IngestContentAsync(Path.GetFileName(file), await File.ReadAllBytesAsync(file), null, CancellationToken.None);
        }

        // A second process on the same storage (another instance, a manual run while the timer runs).
        var settings = pipeline.GetRequiredService<IConfiguration>().AsEnumerable().ToDictionary(kv => kv.Key, kv => kv.Value);
        await using var other = await _azurite.CreatePipelineAsync(FakeClock, settings);
        var rescore = pipeline.GetRequiredService<RescoreRunner>();
        var runs = await Task.WhenAll(rescore.RunAsync(CancellationToken.None), other.GetRequiredService<RescoreRunner>().RunAsync(CancellationToken.None));

        // One run takes the lease and the journal; the other waits for the lease and finds the journal empty.
        Assert.Equal(107, runs.Sum(r => r.Changes));
        await IndexAssertions.AssertIndexMatchesScoresAsync(pipeline);
        await StoryAssertions.AssertCountsMatchArticlesAsync(pipeline);
        await StoryAssertions.AssertStoryPagesMatchStoriesAsync(pipeline);
        Assert.Equal(0, (await rescore.RunAsync(CancellationToken.None)).Writes);
    }

    [Fact]
    public async Task AnArchiveFromEarlierYearsIsReadOnceAndThenLeftAlone()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync(FakeClock);
        var rescore = pipeline.GetRequiredService<RescoreRunner>();
        var start = new DateTimeOffset(2021, 1, 1, 8, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 300; i++)
        {
            await StoryArticles.IngestAsync(pipeline, $"old-{i}", $"Archive {i} ledger{i} parcel{i} beacon{i}", start.AddHours(i * 58).ToString("O"));
        }

        var archive = await rescore.RunAsync(CancellationToken.None);
        Assert.Equal(300, archive.Changes);

        for (var i = 0; i < 10; i++)
        {
            await StoryArticles.IngestAsync(pipeline, $"new-{i}", $"Fresh {i} meadow{i} lantern{i} quarry{i}", Now.AddHours(-i).ToString("O"));
        }

        var fresh = await rescore.RunAsync(CancellationToken.None);

        // The ten new articles and what their dates' window holds (each other): never the archive.
        Assert.Equal(10, fresh.Changes);
        Assert.InRange(fresh.ArticlesRead, 10, 30);
        await IndexAssertions.AssertIndexMatchesScoresAsync(pipeline);
    }

    [Fact]
    public async Task ArticlesStoredBeforeTheStoryLookupsAreTakenUpByTheRebuildPass()
    {
        var clock = new FakeTimeProvider(Now);
        await using var pipeline = await _azurite.CreatePipelineAsync(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));
        var a = await StoryArticles.IngestAsync(pipeline, "a", "Quantum chips ship", "2023-08-01T09:00:00Z");
        var b = await StoryArticles.IngestAsync(pipeline, "b", "Orchards flourish in spring", "2023-08-01T10:00:00Z", "a");
        await pipeline.GetRequiredService<RescoreRunner>().RunAsync(CancellationToken.None);

        // As a deployment from before the lookups: no story rows at all.
        var stories = pipeline.RawTable(o => o.StoriesTable);
        await foreach (var row in stories.QueryAsync<Azure.Data.Tables.TableEntity>(select: ["PartitionKey", "RowKey"]))
        {
            await stories.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }

        clock.Advance(TimeSpan.FromMinutes(15));
        var pass = await pipeline.GetRequiredService<ArchivePass>().RunAsync(CancellationToken.None);
        var rebuilt = await pipeline.GetRequiredService<RescoreRunner>().RunAsync(CancellationToken.None);

        Assert.Contains(pass.Steps, s => s.Cursor.Step.StartsWith("stories-", StringComparison.Ordinal) && s.ChangedThisRun == 2);
        Assert.Equal(2, rebuilt.Changes);
        var found = await pipeline.GetRequiredService<StoryStore>().FindStoriesAsync([StoryIds.Parse(a), StoryIds.Parse(b)], CancellationToken.None);
        Assert.Equal(2, found.Count);
        Assert.Single(found.Values.Distinct());
        await IndexAssertions.AssertIndexMatchesScoresAsync(pipeline);
        await StoryAssertions.AssertCountsMatchArticlesAsync(pipeline);
        await StoryAssertions.AssertStoryPagesMatchStoriesAsync(pipeline);
    }

    private static void FakeClock(IServiceCollection services) => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(new FakeTimeProvider(Now)));

    private static async Task<string> StoryOf(IServiceProvider pipeline, string articleId) =>
        (await pipeline.GetRequiredService<ArticleStore>().GetSummaryAsync(articleId, CancellationToken.None))!.Score!.StoryId;
}
