using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Serverless.Domain.Ingestion;
using Serverless.Domain.Scoring;
using Serverless.Domain.Storage;
using Serverless.IntegrationTests.Support;

namespace Serverless.IntegrationTests.Scoring;

/// <summary>The rescoring run against a real Azurite, with a fake clock.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RescoreServiceTests
{
    private static readonly DateTimeOffset Now = new(2023, 8, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly AzuriteFixture _azurite;

    public RescoreServiceTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [SharedDataFact]
    public async Task RescoringTheCorpusJoinsTheSampleStoryAndASecondRunWritesNothing()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync(FakeClock);
        await IngestSharedDataAsync(pipeline);
        var rescore = pipeline.GetRequiredService<RescoreService>();

        var first = await rescore.RunAsync(CancellationToken.None);
        var second = await rescore.RunAsync(CancellationToken.None);

        // 108 files, 107 articles: one corpus file has the same URL as a sample, so it updates that article.
        Assert.Equal(107, first.ArticlesRead);
        Assert.True(first.ArticlesChanged > 0);
        Assert.Equal(0, second.Writes);
        var store = pipeline.GetRequiredService<ArticleStore>();
        var samples = await store.GetSummariesAsync().Where(s => s.Title.Contains("Hollywood", StringComparison.Ordinal) || s.Title.Contains("Studios", StringComparison.Ordinal) || s.Title.Contains("Netflix lists $900,000", StringComparison.Ordinal)).ToListAsync();
        Assert.True(samples.Count >= 5);
        var storyOfSample = (await store.GetSummaryAsync(samples.First(s => s.Title.StartsWith("Studios Quietly", StringComparison.Ordinal)).Id, CancellationToken.None))!.Score!;
        Assert.True(storyOfSample.StorySize >= 5);
        await IndexAssertions.AssertIndexMatchesScoresAsync(pipeline);
    }

    [SharedDataFact]
    public async Task ARunKilledHalfWayIsRepairedByTheNextRun()
    {
        var failing = new FailAfterWritesPolicy(allowedWrites: 25);
        await using var healthy = await _azurite.CreatePipelineAsync(FakeClock);
        await IngestSharedDataAsync(healthy);
        await healthy.GetRequiredService<RescoreService>().RunAsync(CancellationToken.None);
        // New coverage arrives, so the next run has real work to do, and the run doing it dies after 25 writes.
        await IngestAsync(healthy, "late/hollywood.md", """
            ---
            title: "Hollywood studios keep hiring AI specialists as strikes continue"
            webUrl: "https://late.example.com/hollywood-ai-hiring"
            publishedDateTime: 2023-07-31T10:00:00Z
            quality: 95
            topics: [AI Ethics, AI]
            related:
              - title: "Netflix lists $900,000 AI job as actors and writers continue to strike"
                webUrl: "https://www.engadget.com/netflix-lists-900000-ai-job-as-actors-and-writers-continue-to-strike-190037630.html"
              - title: "Studios Quietly Go on Hiring Spree for AI Specialist Jobs Amid Picket Line Anxiety"
                webUrl: "https://www.hollywoodreporter.com/business/business-news/ai-jobs-studios-hire-1235545491/"
            ---
            """);
        await using var dying = await SamePipelineWithPolicyAsync(healthy, failing);

        await Assert.ThrowsAnyAsync<Exception>(() => dying.GetRequiredService<RescoreService>().RunAsync(CancellationToken.None));
        Assert.True(failing.Tripped);

        var repair = await healthy.GetRequiredService<RescoreService>().RunAsync(CancellationToken.None);
        await IndexAssertions.AssertIndexMatchesScoresAsync(healthy);
        var after = await healthy.GetRequiredService<RescoreService>().RunAsync(CancellationToken.None);
        Assert.True(repair.Writes > 0);
        Assert.Equal(0, after.Writes);
    }

    [Fact]
    public async Task ANewArticleIsInItsFeedsAtOnceAndAReingestMovesItsRows()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync(FakeClock);
        var index = pipeline.GetRequiredService<TopicIndexStore>();

        var outcome = await IngestAsync(pipeline, "a.md", "---\ntitle: First title\nwebUrl: https://example.com/a\npublishedDateTime: 2023-08-01T10:00:00Z\nquality: 90\ntopics: [AI Ethics]\n---\n");
        await index.FlushAsync(CancellationToken.None);
        var rows = await index.Table.QueryAsync<TableEntity>().ToListAsync();
        Assert.Equal(["ai", "ai-ethics"], rows.Select(r => r.PartitionKey).Order());
        Assert.All(rows, r => Assert.Equal("First title", r.GetString("Title")));

        await IngestAsync(pipeline, "a-again.md", "---\ntitle: Second title\nwebUrl: https://example.com/a\npublishedDateTime: 2023-08-01T10:00:00Z\nquality: 95\ntopics: [AI Hardware]\n---\n");
        await index.FlushAsync(CancellationToken.None);
        rows = await index.Table.QueryAsync<TableEntity>().ToListAsync();
        Assert.Equal(["ai", "ai-hardware"], rows.Select(r => r.PartitionKey).Order());
        Assert.All(rows, r => Assert.Equal("Second title", r.GetString("Title")));
        Assert.All(rows, r => Assert.Equal(outcome.ArticleId, r.GetString("ArticleId")));
        await IndexAssertions.AssertIndexMatchesScoresAsync(pipeline);
    }

    [Fact]
    public async Task UnpublishedArticlesAreNotInFeeds()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync(FakeClock);

        await IngestAsync(pipeline, "low.md", "---\ntitle: Low quality\nwebUrl: https://example.com/low\nquality: 13\ntopics: [AI]\n---\n");
        await pipeline.GetRequiredService<RescoreService>().RunAsync(CancellationToken.None);

        Assert.Empty(await IndexAssertions.ActualRowsAsync(pipeline));
    }

    private static void FakeClock(IServiceCollection services) => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(new FakeTimeProvider(Now)));

    private async Task<ServiceProvider> SamePipelineWithPolicyAsync(IServiceProvider healthy, HttpPipelinePolicy policy)
    {
        var configuration = healthy.GetRequiredService<IConfiguration>();
        var settings = configuration.AsEnumerable().ToDictionary(kv => kv.Key, kv => kv.Value);
        return await _azurite.CreatePipelineAsync(
            services =>
            {
                FakeClock(services);
                services.Replace(ServiceDescriptor.Singleton(_ =>
                {
                    var options = new TableClientOptions();
                    options.AddPolicy(policy, HttpPipelinePosition.PerCall);
                    options.Retry.MaxRetries = 0;
                    return new TableServiceClient(_azurite.ConnectionString, options);
                }));
            },
            settings);
    }

    private static async Task IngestSharedDataAsync(IServiceProvider pipeline)
    {
        foreach (var file in Directory.GetFiles(RepositoryPaths.Samples).Concat(Directory.GetFiles(RepositoryPaths.Corpus)))
        {
            var outcome = await pipeline.GetRequiredService<ArticleIngestor>().IngestContentAsync(Path.GetFileName(file), await File.ReadAllBytesAsync(file), null, CancellationToken.None);
            Assert.Equal(IngestState.Ingested, outcome.State);
        }
    }

    private static Task<IngestOutcome> IngestAsync(IServiceProvider pipeline, string blob, string text) =>
        pipeline.GetRequiredService<ArticleIngestor>().IngestContentAsync(blob, Encoding.UTF8.GetBytes(text), null, CancellationToken.None);
}
