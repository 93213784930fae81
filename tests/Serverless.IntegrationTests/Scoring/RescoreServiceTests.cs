using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Serverless.Domain.Ingestion;
using Serverless.Domain.Rescoring;
using Serverless.Domain.Scoring;
using Serverless.Domain.Storage;
using Serverless.Domain.Stores;
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
        var rows = await pipeline.RawIndexTable().QueryAsync<TableEntity>().ToListAsync();
        Assert.Equal(["ai", "ai-ethics"], rows.Select(r => r.PartitionKey).Order());
        Assert.All(rows, r => Assert.Equal("First title", r.GetString("Title")));

        await IngestAsync(pipeline, "a-again.md", "---\ntitle: Second title\nwebUrl: https://example.com/a\npublishedDateTime: 2023-08-01T10:00:00Z\nquality: 95\ntopics: [AI Hardware]\n---\n");
        await index.FlushAsync(CancellationToken.None);
        rows = await pipeline.RawIndexTable().QueryAsync<TableEntity>().ToListAsync();
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

    [Fact]
    public async Task RunsAfterACleanOneKnowTheIndexAndTouchOnlyWhatChanged()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync(FakeClock);
        var rescore = pipeline.GetRequiredService<RescoreService>();
        await IngestAsync(pipeline, "a.md", "---\ntitle: First\nwebUrl: https://example.com/a\npublishedDateTime: 2023-08-01T10:00:00Z\nquality: 90\ntopics: [AI Ethics]\nrelated:\n  - webUrl: https://example.com/b\n---\n");
        await IngestAsync(pipeline, "b.md", "---\ntitle: Second\nwebUrl: https://example.com/b\npublishedDateTime: 2023-08-01T11:00:00Z\nquality: 80\ntopics: [AI]\n---\n");

        var writing = await rescore.RunAsync(CancellationToken.None);
        var quiet = await rescore.RunAsync(CancellationToken.None);

        Assert.True(writing.Writes > 0);
        Assert.Equal((false, true), (writing.IndexVerified, writing.IndexCheckpointed));
        Assert.Equal((true, false, 0), (quiet.IndexVerified, quiet.IndexCheckpointed, quiet.Writes));
        Assert.Contains(quiet.Phases, p => p.Phase.StartsWith("sweep (skipped", StringComparison.Ordinal));

        // A new article joins the story, the first moves to another topic: the next run writes only those, from what
        // it knows, and the index is exactly what the scores say.
        await IngestAsync(pipeline, "c.md", "---\ntitle: Third\nwebUrl: https://example.com/c\npublishedDateTime: 2023-08-01T11:30:00Z\nquality: 85\ntopics: [AI Ethics]\nrelated:\n  - webUrl: https://example.com/a\n---\n");
        await IngestAsync(pipeline, "a-moved.md", "---\ntitle: First, moved\nwebUrl: https://example.com/a\npublishedDateTime: 2023-08-01T10:00:00Z\nquality: 90\ntopics: [AI Hardware]\nrelated:\n  - webUrl: https://example.com/b\n---\n");
        var afterIngest = await rescore.RunAsync(CancellationToken.None);

        Assert.True(afterIngest.IndexVerified);
        Assert.True(afterIngest.IndexCheckpointed);
        Assert.True(afterIngest.ArticlesChanged >= 2);
        await IndexAssertions.AssertIndexMatchesScoresAsync(pipeline);
        Assert.Equal(0, (await rescore.RunAsync(CancellationToken.None)).Writes);
    }

    [Fact]
    public async Task ARowAnIngestWritesBehindAfterTheRunDeletedItIsDeletedByTheNextRun()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync(FakeClock);
        var rescore = pipeline.GetRequiredService<RescoreService>();
        var index = pipeline.GetRequiredService<TopicIndexStore>();
        var store = pipeline.GetRequiredService<ArticleStore>();
        await IngestAsync(pipeline, "a.md", "---\ntitle: First\nwebUrl: https://example.com/a\npublishedDateTime: 2023-08-01T10:00:00Z\nquality: 90\ntopics: [AI]\n---\n");
        await rescore.RunAsync(CancellationToken.None);

        // The ingest's rows, as it scored the article alone; the run joins it to a's story and moves them.
        var late = await IngestAsync(pipeline, "b.md", "---\ntitle: Second\nwebUrl: https://example.com/b\npublishedDateTime: 2023-08-01T11:00:00Z\nquality: 80\ntopics: [AI]\nrelated:\n  - webUrl: https://example.com/a\n---\n");
        await index.FlushAsync(CancellationToken.None);
        var ingestRows = await pipeline.RawIndexTable().QueryAsync<TableEntity>().Where(e => e.RowKey.EndsWith(late.ArticleId!, StringComparison.Ordinal)).ToListAsync();
        Assert.NotEmpty(ingestRows);
        var moving = await rescore.RunAsync(CancellationToken.None);
        Assert.True(moving.IndexVerified);
        await IndexAssertions.AssertIndexMatchesScoresAsync(pipeline);

        // The ingest's queued write lands only now (a slow retry on another instance).
        foreach (var row in ingestRows)
        {
            await pipeline.RawIndexTable().UpsertEntityAsync(row, TableUpdateMode.Replace);
        }

        var next = await rescore.RunAsync(CancellationToken.None);

        Assert.Equal(ingestRows.Count, next.IndexRowsDeleted);
        await IndexAssertions.AssertIndexMatchesScoresAsync(pipeline);
        Assert.NotNull((await store.GetSummaryAsync(late.ArticleId!, CancellationToken.None))!.Score);
    }

    [Fact]
    public async Task AnIndexCheckpointRecordedWhileAnotherRunWroteDoesNotSurvive()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync(FakeClock);
        var checkpoints = pipeline.GetRequiredService<TopicStatsStore>();

        // A verifying run reads the row at its start; a writing run clears it before its first write.
        var atStart = await checkpoints.ReadCheckpointAsync(CancellationToken.None);
        var writerCleared = await checkpoints.TryClearCheckpointAsync(atStart, CancellationToken.None);
        Assert.NotNull(writerCleared);
        Assert.False(await checkpoints.TryRecordCheckpointAsync("verifier", Now, Now, atStart.ETag, CancellationToken.None));

        // Two writers that started together: the second cannot clear over the first, so it may not record at its end.
        Assert.Null(await checkpoints.TryClearCheckpointAsync(atStart, CancellationToken.None));
        Assert.True(await checkpoints.TryRecordCheckpointAsync("first writer", Now, Now, writerCleared!.Value, CancellationToken.None));
        Assert.Equal("first writer", (await checkpoints.ReadCheckpointAsync(CancellationToken.None)).Fingerprint);

        // The second writer's clearing after its last write erases the first's checkpoint.
        await checkpoints.ClearCheckpointAsync(CancellationToken.None);
        Assert.Null((await checkpoints.ReadCheckpointAsync(CancellationToken.None)).Fingerprint);
    }

    [Fact]
    public async Task ConcurrentUploadsOfOneArticleLeaveTheRowsOfTheVersionStored()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync(FakeClock);
        var topics = new[] { "AI Ethics", "AI Hardware", "AI in Healthcare", "AI in Finance", "Computer Vision", "Machine Learning" };

        await Parallel.ForEachAsync(Enumerable.Range(0, 12), async (i, _) =>
            await IngestAsync(pipeline, $"copy-{i}.md", $"---\ntitle: Version {i}\nwebUrl: https://example.com/same\npublishedDateTime: 2023-08-01T10:00:00Z\nquality: {80 + i}\ntopics: [{topics[i % topics.Length]}]\n---\n"));
        await pipeline.GetRequiredService<TopicIndexStore>().FlushAsync(CancellationToken.None);

        // Each upload replaced the version it read and moved that version's rows: one version's rows remain.
        await IndexAssertions.AssertIndexMatchesScoresAsync(pipeline);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnIndexWriteAnIngestLosesEndsTheCheckpointAndTheNextRunSweeps(bool snapshotsExpired)
    {
        var clock = new FakeTimeProvider(Now);
        await using var healthy = await _azurite.CreatePipelineAsync(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));
        var rescore = healthy.GetRequiredService<RescoreService>();
        var checkpoints = healthy.GetRequiredService<TopicStatsStore>();
        await IngestAsync(healthy, "a.md", "---\ntitle: First\nwebUrl: https://example.com/a\npublishedDateTime: 2023-08-01T10:00:00Z\nquality: 90\ntopics: [AI]\n---\n");
        Assert.True((await rescore.RunAsync(CancellationToken.None)).IndexCheckpointed);
        Assert.Equal(IngestState.Ingested, (await IngestAsync(healthy, "c.md", "---\ntitle: Third\nwebUrl: https://example.com/c\npublishedDateTime: 2023-07-20T10:00:00Z\nquality: 85\ntopics: [AI]\n---\n")).State);

        // Another instance ingests while the index refuses its writes: the articles are stored, their rows are lost
        // (b's new row; a's and c's rows with new titles under the same ranks, c being new since the last run too).
        var refusing = new RefuseTableWritesPolicy(healthy.RawIndexTable().Name);
        await using (var faulty = await SamePipelineWithPolicyAsync(healthy, refusing))
        {
            var outcomes = new[]
            {
                await IngestAsync(faulty, "b.md", "---\ntitle: Second\nwebUrl: https://example.com/b\npublishedDateTime: 2023-08-01T11:00:00Z\nquality: 80\ntopics: [AI]\n---\n"),
                await IngestAsync(faulty, "a-retitled.md", "---\ntitle: First, retitled\nwebUrl: https://example.com/a\npublishedDateTime: 2023-08-01T10:00:00Z\nquality: 90\ntopics: [AI]\n---\n"),
                await IngestAsync(faulty, "c-retitled.md", "---\ntitle: Third, retitled\nwebUrl: https://example.com/c\npublishedDateTime: 2023-07-20T10:00:00Z\nquality: 85\ntopics: [AI]\n---\n"),
            };
            await faulty.GetRequiredService<TopicIndexStore>().FlushAsync(CancellationToken.None);
            Assert.All(outcomes, o => Assert.Equal(IngestState.Ingested, o.State));
        }

        Assert.True(refusing.Refused > 0, $"{refusing.Refused} writes refused");
        await Poll.UntilAsync(() => checkpoints.ReadCheckpointAsync(CancellationToken.None), c => c.Fingerprint is null, TimeSpan.FromSeconds(10), "the lost write to clear the index checkpoint");
        if (snapshotsExpired)
        {
            // The run reads every shard in full: what was written since the last run is told by the rows' times.
            clock.Advance(TimeSpan.FromHours(24));
        }

        var next = await rescore.RunAsync(CancellationToken.None);

        // No score moved, so only the sweep's rule for articles written since the last run can mend the titles.
        Assert.Equal((false, 0), (next.IndexVerified, next.ArticlesChanged));
        await IndexAssertions.AssertIndexMatchesScoresAsync(healthy);
        var titles = await healthy.RawIndexTable().QueryAsync<TableEntity>().Select(e => e.GetString("Title")).ToListAsync();
        Assert.Equal(["First, retitled", "Second", "Third, retitled"], titles.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AnIndexTableDroppedByHandIsRebuiltByTheNextRun()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync(FakeClock);
        var rescore = pipeline.GetRequiredService<RescoreService>();
        await IngestAsync(pipeline, "a.md", "---\ntitle: First\nwebUrl: https://example.com/a\npublishedDateTime: 2023-08-01T10:00:00Z\nquality: 90\ntopics: [AI Ethics]\n---\n");
        await IngestAsync(pipeline, "b.md", "---\ntitle: Second\nwebUrl: https://example.com/b\npublishedDateTime: 2023-08-01T11:00:00Z\nquality: 80\ntopics: [AI Hardware]\n---\n");
        Assert.True((await rescore.RunAsync(CancellationToken.None)).IndexCheckpointed);
        Assert.True((await rescore.RunAsync(CancellationToken.None)).IndexVerified);

        // The checkpoint still names every article's version; only the table is gone.
        await pipeline.RawIndexTable().DeleteAsync();
        var next = await rescore.RunAsync(CancellationToken.None);

        Assert.False(next.IndexVerified);
        Assert.Equal((0, 4), (next.ArticlesChanged, next.IndexRowsWritten));
        await IndexAssertions.AssertIndexMatchesScoresAsync(pipeline);
        Assert.True((await rescore.RunAsync(CancellationToken.None)).IndexVerified);
    }

    [Fact]
    public async Task AVerifiedIndexOlderThanTheSettingIsSweptAgain()
    {
        var clock = new FakeTimeProvider(Now);
        await using var pipeline = await _azurite.CreatePipelineAsync(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));
        var rescore = pipeline.GetRequiredService<RescoreService>();
        await IngestAsync(pipeline, "a.md", "---\ntitle: First\nwebUrl: https://example.com/a\npublishedDateTime: 2023-08-01T10:00:00Z\nquality: 90\ntopics: [AI]\n---\n");
        var first = await rescore.RunAsync(CancellationToken.None);
        Assert.True(first.IndexCheckpointed);
        Assert.True((await rescore.RunAsync(CancellationToken.None)).IndexVerified);

        clock.Advance(TimeSpan.FromHours(24));
        var late = await rescore.RunAsync(CancellationToken.None);

        Assert.False(late.IndexVerified);
        Assert.True(late.IndexCheckpointed);
    }

    [Fact]
    public async Task ARunStartsFromTheLastRunsSnapshotAndSeesWhatChangedSince()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync(FakeClock);
        var rescore = pipeline.GetRequiredService<RescoreService>();
        await IngestAsync(pipeline, "a.md", "---\ntitle: First\nwebUrl: https://example.com/a\npublishedDateTime: 2023-08-01T10:00:00Z\nquality: 90\ntopics: [AI]\n---\n");
        await rescore.RunAsync(CancellationToken.None);

        // A related article arrives and joins the first one's story: the next run must see it and move both.
        await IngestAsync(pipeline, "b.md", "---\ntitle: Second\nwebUrl: https://example.com/b\npublishedDateTime: 2023-08-01T11:00:00Z\nquality: 80\ntopics: [AI]\nrelated:\n  - webUrl: https://example.com/a\n---\n");
        var second = await rescore.RunAsync(CancellationToken.None);

        Assert.Equal(2, second.ArticlesRead);
        var store = pipeline.GetRequiredService<ArticleStore>();
        var stories = await store.GetSummariesAsync().Select(s => (s.Score!.StoryId, s.Score.StorySize)).ToListAsync();
        Assert.All(stories, s => Assert.Equal((stories[0].StoryId, 2), s));
        await IndexAssertions.AssertIndexMatchesScoresAsync(pipeline);
    }

    [Fact]
    public async Task ASnapshotThatCannotBeReadIsIgnoredAndTheShardReadInFull()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync(FakeClock);
        var rescore = pipeline.GetRequiredService<RescoreService>();
        var outcome = await IngestAsync(pipeline, "a.md", "---\ntitle: First\nwebUrl: https://example.com/a\npublishedDateTime: 2023-08-01T10:00:00Z\nquality: 90\ntopics: [AI]\n---\n");
        await rescore.RunAsync(CancellationToken.None);
        var options = pipeline.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value;
        var blob = pipeline.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>().GetBlobContainerClient(options.RescoreStateContainer)
            .GetBlobClient($"articles-{ArticleEntityCodec.PartitionKeyOf(outcome.ArticleId!)}.bin");
        Assert.True(await blob.ExistsAsync());
        await blob.UploadAsync(BinaryData.FromString("not a snapshot"), overwrite: true);

        var next = await rescore.RunAsync(CancellationToken.None);

        Assert.Equal(1, next.ArticlesRead);
        Assert.Equal(1, next.ArticlesFetched);
        await IndexAssertions.AssertIndexMatchesScoresAsync(pipeline);
    }

    [Fact]
    public async Task SnapshotsKeepEveryFieldOfARecord()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync(FakeClock);
        var snapshots = pipeline.GetRequiredService<ScoringSnapshotStore>();
        var member = new StoryMember(StoryClusterer.ParseId("0123456789abcdef0123456789abcdef"), 638_000_000_000_000_000, true, 77, 42UL, [1u, 2u, uint.MaxValue]);
        var record = new ScoringRecord(
            "0123456789abcdef0123456789abcdef", "W/\"datetime'x'\"", null, Now,
            new Serverless.Domain.Articles.ArticleScore("story", 3, 2, 91.5, true, ["ai", "ai-ethics"]),
            ["ai", "ai-ethics"], member, [UInt128.MaxValue, 7], [9UL]);

        await snapshots.WriteAsync("0", "settings", new ShardSnapshot([record], Now, Now), CancellationToken.None);
        var read = await snapshots.ReadAsync("0", "settings", CancellationToken.None);

        var back = Assert.Single(read!.Records);
        Assert.Equal((record.Id, record.Version, record.Quality, record.Published), (back.Id, back.Version, back.Quality, back.Published));
        Assert.Equal(record.Score!.TopicIds, back.Score!.TopicIds);
        Assert.Equal(record.Score with { TopicIds = [] }, back.Score with { TopicIds = [] });
        Assert.Equal(record.Topics, back.Topics);
        Assert.Equal(member.Sketch, back.Member.Sketch);
        Assert.Equal(member with { Sketch = [] }, back.Member with { Sketch = [] });
        Assert.Equal(record.RelatedIds, back.RelatedIds);
        Assert.Equal(record.RelatedProviders, back.RelatedProviders);
        Assert.Null(await snapshots.ReadAsync("0", "other settings", CancellationToken.None));
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
