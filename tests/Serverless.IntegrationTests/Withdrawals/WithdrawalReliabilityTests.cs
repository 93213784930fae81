using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Domain.Articles;
using Serverless.Domain.Ingestion;
using Serverless.Domain.Rescoring;
using Serverless.Domain.Stores;
using Serverless.Domain.Withdrawals;
using Serverless.IntegrationTests.Support;
using Xunit.Abstractions;

namespace Serverless.IntegrationTests.Withdrawals;

/// <summary>Retractions and takedowns against a real Azurite when other work races them or storage fails half way.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WithdrawalReliabilityTests
{
    private readonly AzuriteFixture _azurite;
    private readonly ITestOutputHelper _output;

    public WithdrawalReliabilityTests(AzuriteFixture azurite, ITestOutputHelper output)
    {
        _azurite = azurite;
        _output = output;
    }

    [Fact]
    public async Task ARetractionRacingARescoringRunConverges()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync();
        var rescore = pipeline.GetRequiredService<RescoreRunner>();
        var hub = (await Uploads.IngestAsync(pipeline, "hub.md", Uploads.Article("hub", "Harbour strike enters its second week"))).ArticleId!;
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add((await Uploads.IngestAsync(pipeline, $"m{i}.md", Uploads.Article($"m{i}", $"Coverage {i} of the strike", "2023-08-01T10:00:00Z", "hub"))).ArticleId!);
        }

        // The run takes these up while the hub's file is deleted and retracted.
        await Uploads.Container(pipeline).DeleteBlobAsync("hub.md");
        await Task.WhenAll(
            rescore.RunAsync(CancellationToken.None),
            pipeline.GetRequiredService<BlobRetractions>().BlobDeletedAsync("hub.md", CancellationToken.None));
        await rescore.RunAsync(CancellationToken.None);

        Assert.Equal(WithdrawalKind.Retracted, (await Uploads.SummaryAsync(pipeline, hub)).Withdrawal!.Kind);
        var story = (await Uploads.SummaryAsync(pipeline, ids[0])).Score!.StoryId;
        var (_, members) = await pipeline.GetRequiredService<StoryStore>().ReadStoryAsync(story, CancellationToken.None);
        Assert.DoesNotContain(members, m => m.Record?.Id == hub);
        Assert.Equal(20, members.Count(m => m.Record is not null));
        await IndexAssertions.AssertIndexMatchesScoresAsync(pipeline);
        await StoryAssertions.AssertCountsMatchArticlesAsync(pipeline);
        await StoryAssertions.AssertStoryPagesMatchStoriesAsync(pipeline);
        Assert.Equal(0, (await rescore.RunAsync(CancellationToken.None)).Writes);
    }

    [Fact]
    public async Task AReuploadRacingATakedownEndsTakenDownWithTheNewestTextKept()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync();
        var id = (await Uploads.IngestAsync(pipeline, "racing.md", Uploads.Article("racing", "First version"))).ArticleId!;
        await pipeline.GetRequiredService<RescoreRunner>().RunAsync(CancellationToken.None);

        var results = await Task.WhenAll(
            Uploads.IngestAsync(pipeline, "racing.md", Uploads.Article("racing", "Second version")).ContinueWith(t => (object)t.Result.State, TaskScheduler.Default),
            pipeline.GetRequiredService<EditorWithdrawals>().TakeDownAsync(id, "legal request 17", CancellationToken.None).ContinueWith(t => (object)t.Result.Outcome, TaskScheduler.Default));
        await pipeline.GetRequiredService<RescoreRunner>().RunAsync(CancellationToken.None);

        _output.WriteLine($"upload: {results[0]}, takedown: {results[1]}");
        Assert.Equal(EditorActionOutcome.Done, results[1]);
        var stored = await pipeline.GetRequiredService<ArticleStore>().GetAsync(id, CancellationToken.None);
        Assert.Equal(WithdrawalKind.TakenDown, stored!.Summary.Withdrawal!.Kind);
        Assert.DoesNotContain(await IndexAssertions.ActualRowsAsync(pipeline), r => r.RowKey.EndsWith(id, StringComparison.Ordinal));
        await IndexAssertions.AssertIndexMatchesScoresAsync(pipeline);
        await StoryAssertions.AssertCountsMatchArticlesAsync(pipeline);
        // Whichever came first, the upload is on record: ingested before the takedown, or suppressed after it.
        Assert.Contains((await Uploads.StatusAsync(pipeline, "racing.md")).Status, new[] { IngestState.Ingested, IngestState.Suppressed });
    }

    [Fact]
    public async Task StorageFailingHalfWayThroughARetractionIsFinishedByTheNextReconcile()
    {
        await using var healthy = await _azurite.CreatePipelineAsync();
        var id = (await Uploads.IngestAsync(healthy, "fragile.md", Uploads.Article("fragile", "Fragile article"))).ArticleId!;
        await healthy.GetRequiredService<RescoreRunner>().RunAsync(CancellationToken.None);
        await Uploads.Container(healthy).DeleteBlobAsync("fragile.md");

        // Past the pipeline's start-up (it creates its tables), two writes get through (the journal entry and the
        // tombstone); the index rows' delete fails.
        var startup = new WriteCountingPolicy();
        await using (await _azurite.CreateSamePipelineWithTablePolicyAsync(healthy, startup))
        {
        }

        var failing = new FailAfterWritesPolicy(allowedWrites: startup.Writes + 2);
        await using (var dying = await _azurite.CreateSamePipelineWithTablePolicyAsync(healthy, failing))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => dying.GetRequiredService<BlobRetractions>().BlobDeletedAsync("fragile.md", CancellationToken.None));
        }

        Assert.True(failing.Tripped);
        Assert.Equal(WithdrawalKind.Retracted, (await Uploads.SummaryAsync(healthy, id)).Withdrawal!.Kind);
        Assert.Equal(IngestState.Ingested, (await Uploads.StatusAsync(healthy, "fragile.md")).Status);
        Assert.Contains(await IndexAssertions.ActualRowsAsync(healthy), r => r.RowKey.EndsWith(id, StringComparison.Ordinal));

        Assert.Equal(1, await healthy.GetRequiredService<UploadReconciler>().ReconcileAsync(CancellationToken.None));

        Assert.Equal(IngestState.Retracted, (await Uploads.StatusAsync(healthy, "fragile.md")).Status);
        Assert.DoesNotContain(await IndexAssertions.ActualRowsAsync(healthy), r => r.RowKey.EndsWith(id, StringComparison.Ordinal));
        Assert.Single((await healthy.GetRequiredService<AuditStore>().ReadAsync(id, null, 10, CancellationToken.None)).Entries);
        await healthy.GetRequiredService<RescoreRunner>().RunAsync(CancellationToken.None);
        await IndexAssertions.AssertIndexMatchesScoresAsync(healthy);
        await StoryAssertions.AssertStoryPagesMatchStoriesAsync(healthy);
        // A second pass finds nothing left to do.
        Assert.Equal(0, await healthy.GetRequiredService<UploadReconciler>().ReconcileAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ATakedownInAThousandMemberStoryLeavesTheOtherMembersInTheirStory()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync();
        var ingestor = pipeline.GetRequiredService<ArticleIngestor>();
        var hub = (await Uploads.IngestAsync(pipeline, "hub.md", Uploads.Article("hub", "Grid operators warn of a hard winter"))).ArticleId!;
        await Parallel.ForEachAsync(Enumerable.Range(0, 999), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            await ingestor.IngestContentAsync($"m{i}.md", System.Text.Encoding.UTF8.GetBytes(Uploads.Article($"m{i}", $"Outlet {i} on the winter grid", "2023-08-01T10:00:00Z", "hub")), null, ct));
        var rescore = pipeline.GetRequiredService<RescoreRunner>();
        await rescore.RunAsync(CancellationToken.None);
        var story = (await Uploads.SummaryAsync(pipeline, hub)).Score!.StoryId;
        Assert.Equal(1_000, (await Uploads.SummaryAsync(pipeline, hub)).Score!.StorySize);
        var target = (await pipeline.GetRequiredService<ArticleStore>().GetSummaryAsync(ArticleIdentity.FromCanonicalUrl("https://example.com/m500"), CancellationToken.None))!;

        var clock = Stopwatch.StartNew();
        var (outcome, _) = await pipeline.GetRequiredService<EditorWithdrawals>().TakeDownAsync(target.Id, "duplicate feed", CancellationToken.None);
        var takedown = clock.Elapsed;
        var run = await rescore.RunAsync(CancellationToken.None);
        _output.WriteLine($"takedown {takedown.TotalMilliseconds:F0} ms, the run after it {run.Duration.TotalMilliseconds:F0} ms ({run.ArticlesRead} articles read, {run.Writes} writes)");

        Assert.Equal(EditorActionOutcome.Done, outcome);
        Assert.Equal(999, (await Uploads.SummaryAsync(pipeline, hub)).Score!.StorySize);
        Assert.Equal(story, (await Uploads.SummaryAsync(pipeline, hub)).Score!.StoryId);
        var (head, members) = await pipeline.GetRequiredService<StoryStore>().ReadStoryAsync(story, CancellationToken.None);
        Assert.DoesNotContain(members, m => m.Record?.Id == target.Id);
        Assert.Equal(999, head!.Articles);
        await IndexAssertions.AssertIndexMatchesScoresAsync(pipeline);
        await StoryAssertions.AssertStoryPagesMatchStoriesAsync(pipeline);
    }

    [Fact]
    public async Task ATakenDownArticleStaysOutOfFeedsUploadsAndTimersUntilItIsRestored()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync();
        var editors = pipeline.GetRequiredService<EditorWithdrawals>();
        var id = (await Uploads.IngestAsync(pipeline, "down.md", Uploads.Article("down", "Article to take down"))).ArticleId!;
        await pipeline.GetRequiredService<RescoreRunner>().RunAsync(CancellationToken.None);

        Assert.Equal(EditorActionOutcome.NotFound, (await editors.TakeDownAsync(new string('0', 32), "no such", CancellationToken.None)).Outcome);
        Assert.Equal(EditorActionOutcome.NotDown, (await editors.RestoreAsync(id, CancellationToken.None)).Outcome);
        Assert.Equal(EditorActionOutcome.Done, (await editors.TakeDownAsync(id, "legal request 9", CancellationToken.None)).Outcome);
        Assert.Equal(EditorActionOutcome.AlreadyDone, (await editors.TakeDownAsync(id, "again", CancellationToken.None)).Outcome);
        Assert.DoesNotContain(await IndexAssertions.ActualRowsAsync(pipeline), r => r.RowKey.EndsWith(id, StringComparison.Ordinal));

        // An upload of it, a second file of it, the recovery and reconcile timers and a run: it stays down.
        var again = await Uploads.IngestAsync(pipeline, "down.md", Uploads.Article("down", "Article to take down, edited"));
        Assert.Equal(IngestState.Suppressed, again.State);
        var status = await Uploads.StatusAsync(pipeline, "down.md");
        Assert.Equal(IngestState.Suppressed, status.Status);
        Assert.Contains("legal request 9", status.Detail, StringComparison.Ordinal);
        Assert.Equal(IngestState.Suppressed, (await Uploads.IngestAsync(pipeline, "copy/down.md", Uploads.Article("down", "Article to take down"))).State);
        await pipeline.GetRequiredService<PendingUploadRecovery>().RecoverAsync(TimeSpan.Zero, CancellationToken.None);
        await pipeline.GetRequiredService<UploadReconciler>().ReconcileAsync(CancellationToken.None);
        await pipeline.GetRequiredService<RescoreRunner>().RunAsync(CancellationToken.None);
        var down = await pipeline.GetRequiredService<ArticleStore>().GetAsync(id, CancellationToken.None);
        Assert.Equal(WithdrawalKind.TakenDown, down!.Summary.Withdrawal!.Kind);
        Assert.Equal("Article to take down", down.Article.Title);
        Assert.DoesNotContain(await IndexAssertions.ActualRowsAsync(pipeline), r => r.RowKey.EndsWith(id, StringComparison.Ordinal));
        await StoryAssertions.AssertCountsMatchArticlesAsync(pipeline);

        var (restored, article) = await editors.RestoreAsync(id, CancellationToken.None);
        Assert.Equal(EditorActionOutcome.Done, restored);
        Assert.Null(article!.Withdrawal);
        Assert.Contains(await IndexAssertions.ActualRowsAsync(pipeline), r => r.RowKey.EndsWith(id, StringComparison.Ordinal));
        await pipeline.GetRequiredService<RescoreRunner>().RunAsync(CancellationToken.None);
        await IndexAssertions.AssertIndexMatchesScoresAsync(pipeline);
        await StoryAssertions.AssertCountsMatchArticlesAsync(pipeline);
        Assert.Equal(["down.md", "copy/down.md"], (await Uploads.SummaryAsync(pipeline, id)).Sources);

        var audit = (await pipeline.GetRequiredService<AuditStore>().ReadAsync(null, null, 10, CancellationToken.None)).Entries;
        Assert.Equal([AuditAction.Restore, AuditAction.Takedown], audit.Select(e => e.Action));
        Assert.Equal("legal request 9", audit[1].Reason);
    }
}
