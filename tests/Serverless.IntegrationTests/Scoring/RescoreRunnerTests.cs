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

/// <summary>The incremental rescoring run against a real Azurite, with a fake clock: what it reads, writes and repairs.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RescoreRunnerTests
{
    private static readonly DateTimeOffset Now = new(2023, 8, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly AzuriteFixture _azurite;

    public RescoreRunnerTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [SharedDataFact]
    public async Task RescoringTheCorpusJoinsTheSampleStoryAndASecondRunWritesNothing()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync(FakeClock);
        await IngestSharedDataAsync(pipeline);
        var rescore = pipeline.GetRequiredService<RescoreRunner>();

        var first = await rescore.RunAsync(CancellationToken.None);
        var second = await rescore.RunAsync(CancellationToken.None);

        // 108 files, 107 articles: one corpus file has the same URL as a sample, so it updates that article.
        Assert.Equal(107, first.ArticlesRead);
        Assert.True(first.ArticlesChanged > 0);
        Assert.Equal((0, 0), (second.ArticlesRead, second.Writes));
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
        var settings = _azurite.IsolatedSettings().ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        // The dying run cannot give its lease back: the next run waits for it to run out.
        settings["Rescore:LeaseSeconds"] = "5";
        await using var healthy = await _azurite.CreatePipelineAsync(FakeClock, settings);
        await IngestSharedDataAsync(healthy);
        await healthy.GetRequiredService<RescoreRunner>().RunAsync(CancellationToken.None);
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
        await using var dying = await _azurite.CreateSamePipelineWithTablePolicyAsync(healthy, failing, FakeClock);

        await Assert.ThrowsAnyAsync<Exception>(() => dying.GetRequiredService<RescoreRunner>().RunAsync(CancellationToken.None));
        Assert.True(failing.Tripped);

        var repair = await healthy.GetRequiredService<RescoreRunner>().RunAsync(CancellationToken.None);
        await IndexAssertions.AssertIndexMatchesScoresAsync(healthy);
        await StoryAssertions.AssertStoryPagesMatchStoriesAsync(healthy);
        var after = await healthy.GetRequiredService<RescoreRunner>().RunAsync(CancellationToken.None);
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
        await pipeline.GetRequiredService<RescoreRunner>().RunAsync(CancellationToken.None);

        Assert.Empty(await IndexAssertions.ActualRowsAsync(pipeline));
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

    [Fact]
    public async Task ARunReadsOnlyWhatChangedAndAQuietRunNothing()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync(FakeClock);
        var rescore = pipeline.GetRequiredService<RescoreRunner>();
        await IngestAsync(pipeline, "a.md", "---\ntitle: First\nwebUrl: https://example.com/a\npublishedDateTime: 2023-08-01T10:00:00Z\nquality: 90\ntopics: [AI Ethics]\nrelated:\n  - webUrl: https://example.com/b\n---\n");
        await IngestAsync(pipeline, "b.md", "---\ntitle: Second\nwebUrl: https://example.com/b\npublishedDateTime: 2023-08-01T11:00:00Z\nquality: 80\ntopics: [AI]\n---\n");

        var writing = await rescore.RunAsync(CancellationToken.None);
        var quiet = await rescore.RunAsync(CancellationToken.None);

        Assert.Equal((2, 2, 1), (writing.Changes, writing.ArticlesRead, writing.StoriesTouched));
        Assert.True(writing.Writes > 0);
        Assert.Equal((0, 0, 0), (quiet.Changes, quiet.ArticlesRead, quiet.Writes));

        // A new article joins the story, the first moves to another topic: the next run reads the story and the
        // articles near their dates, writes what changed, and the index is exactly what the scores say.
        await IngestAsync(pipeline, "c.md", "---\ntitle: Third\nwebUrl: https://example.com/c\npublishedDateTime: 2023-08-01T11:30:00Z\nquality: 85\ntopics: [AI Ethics]\nrelated:\n  - webUrl: https://example.com/a\n---\n");
        await IngestAsync(pipeline, "a-moved.md", "---\ntitle: First, moved\nwebUrl: https://example.com/a\npublishedDateTime: 2023-08-01T10:00:00Z\nquality: 90\ntopics: [AI Hardware]\nrelated:\n  - webUrl: https://example.com/b\n---\n");
        var afterIngest = await rescore.RunAsync(CancellationToken.None);

        Assert.Equal((3, 1), (afterIngest.ArticlesRead, afterIngest.StoriesTouched));
        Assert.True(afterIngest.ArticlesChanged >= 2);
        await IndexAssertions.AssertIndexMatchesScoresAsync(pipeline);
        await StoryAssertions.AssertCountsMatchArticlesAsync(pipeline);
        Assert.Equal(0, (await rescore.RunAsync(CancellationToken.None)).Writes);
    }

    [Fact]
    public async Task AJournalEntryWaitsOutTheSettleTimeSoRowsAnIngestWritesBehindAreSeen()
    {
        var settings = _azurite.IsolatedSettings().ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        settings["Rescore:SettleSeconds"] = "2";
        await using var pipeline = await _azurite.CreatePipelineAsync(FakeClock, settings);
        var rescore = pipeline.GetRequiredService<RescoreRunner>();
        var index = pipeline.GetRequiredService<TopicIndexStore>();
        await IngestAsync(pipeline, "a.md", "---\ntitle: First\nwebUrl: https://example.com/a\npublishedDateTime: 2023-08-01T10:00:00Z\nquality: 90\ntopics: [AI]\n---\n");
        await Poll.UntilAsync(() => rescore.RunAsync(CancellationToken.None), r => r.Changes == 1, TimeSpan.FromSeconds(20), "the first entry to settle");

        // The ingest's rows, as it scored the article alone; the run joins it to a's story and moves them.
        var late = await IngestAsync(pipeline, "b.md", "---\ntitle: Second\nwebUrl: https://example.com/b\npublishedDateTime: 2023-08-01T11:00:00Z\nquality: 80\ntopics: [AI]\nrelated:\n  - webUrl: https://example.com/a\n---\n");
        await index.FlushAsync(CancellationToken.None);
        var ingestRows = await pipeline.RawIndexTable().QueryAsync<TableEntity>().Where(e => e.RowKey.EndsWith(late.ArticleId!, StringComparison.Ordinal)).ToListAsync();
        Assert.NotEmpty(ingestRows);
        var early = await rescore.RunAsync(CancellationToken.None);
        Assert.Equal((0, 0), (early.Changes, early.Writes));

        // The ingest's queued write lands only now (a slow retry), within the settle time: the run that takes the entry still deletes it.
        foreach (var row in ingestRows)
        {
            await pipeline.RawIndexTable().DeleteEntityAsync(row.PartitionKey, row.RowKey);
            await pipeline.RawIndexTable().UpsertEntityAsync(row, TableUpdateMode.Replace);
        }

        var moving = await Poll.UntilAsync(() => rescore.RunAsync(CancellationToken.None), r => r.Changes == 1, TimeSpan.FromSeconds(20), "the second entry to settle");
        Assert.DoesNotContain(await IndexAssertions.ActualRowsAsync(pipeline), r => ingestRows.Any(i => i.RowKey == r.RowKey));
        await IndexAssertions.AssertIndexMatchesScoresAsync(pipeline);
    }

    [Fact]
    public async Task IndexWritesAnIngestLosesAreRepairedByTheNextRun()
    {
        await using var healthy = await _azurite.CreatePipelineAsync(FakeClock);
        var rescore = healthy.GetRequiredService<RescoreRunner>();
        await IngestAsync(healthy, "a.md", "---\ntitle: First\nwebUrl: https://example.com/a\npublishedDateTime: 2023-08-01T10:00:00Z\nquality: 90\ntopics: [AI]\n---\n");
        await IngestAsync(healthy, "c.md", "---\ntitle: Third\nwebUrl: https://example.com/c\npublishedDateTime: 2023-07-20T10:00:00Z\nquality: 85\ntopics: [AI]\n---\n");
        await rescore.RunAsync(CancellationToken.None);

        // Another instance ingests while the index refuses its writes: the articles are stored, their rows are lost
        // (b's new row; a's and c's rows with new titles under the same ranks). Their journal entries were written first.
        var refusing = new RefuseTableWritesPolicy(healthy.RawIndexTable().Name);
        await using (var faulty = await _azurite.CreateSamePipelineWithTablePolicyAsync(healthy, refusing, FakeClock))
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
        var next = await rescore.RunAsync(CancellationToken.None);

        // No score moved; the rows are rewritten because their articles are in the journal.
        Assert.Equal((3, 0), (next.Changes, next.ArticlesChanged));
        await IndexAssertions.AssertIndexMatchesScoresAsync(healthy);
        var titles = await healthy.RawIndexTable().QueryAsync<TableEntity>().Select(e => e.GetString("Title")).ToListAsync();
        Assert.Equal(["First, retitled", "Second", "Third, retitled"], titles.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AnArticleCitingAnEarlierOneJoinsItsStoryAndTheRunReadsOnlyThatStory()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync(FakeClock);
        var rescore = pipeline.GetRequiredService<RescoreRunner>();
        await IngestAsync(pipeline, "a.md", "---\ntitle: First\nwebUrl: https://example.com/a\npublishedDateTime: 2021-03-01T10:00:00Z\nquality: 90\ntopics: [AI]\n---\n");
        await rescore.RunAsync(CancellationToken.None);

        // Two years on, an article's related list cites the first: it joins that story across all time.
        await IngestAsync(pipeline, "b.md", "---\ntitle: Second\nwebUrl: https://example.com/b\npublishedDateTime: 2023-08-01T11:00:00Z\nquality: 80\ntopics: [AI]\nrelated:\n  - webUrl: https://example.com/a\n---\n");
        var second = await rescore.RunAsync(CancellationToken.None);

        Assert.Equal((2, 0), (second.ArticlesRead, second.ArticlesInWindow));
        var store = pipeline.GetRequiredService<ArticleStore>();
        var stories = await store.GetSummariesAsync().Select(s => (s.Score!.StoryId, s.Score.StorySize)).ToListAsync();
        Assert.All(stories, s => Assert.Equal((stories[0].StoryId, 2), s));
        await IndexAssertions.AssertIndexMatchesScoresAsync(pipeline);
    }

    private static void FakeClock(IServiceCollection services) => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(new FakeTimeProvider(Now)));

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
