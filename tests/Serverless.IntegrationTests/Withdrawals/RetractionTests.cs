using Microsoft.Extensions.DependencyInjection;
using Serverless.Domain.Articles;
using Serverless.Domain.Ingestion;
using Serverless.Domain.Rescoring;
using Serverless.Domain.Scoring;
using Serverless.Domain.Stores;
using Serverless.Domain.Withdrawals;
using Serverless.IntegrationTests.Support;

namespace Serverless.IntegrationTests.Withdrawals;

/// <summary>Deleting uploaded files against a real Azurite: copies, a file that changes article, re-uploads, and what else a retraction touches.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RetractionTests
{
    private readonly AzuriteFixture _azurite;

    public RetractionTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task DeletingOneOfTwoCopiesRetractsNothingAndDeletingTheLastRetractsTheArticleUntilItIsUploadedAgain()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync();
        var retractions = pipeline.GetRequiredService<BlobRetractions>();
        var text = Uploads.Article("copied", "Copied article");
        var id = (await Uploads.IngestAsync(pipeline, "a.md", text)).ArticleId!;
        Assert.Equal(IngestState.Ingested, (await Uploads.IngestAsync(pipeline, "copy/a.md", text)).State);
        await pipeline.GetRequiredService<RescoreRunner>().RunAsync(CancellationToken.None);
        Assert.Equal(["a.md", "copy/a.md"], (await Uploads.SummaryAsync(pipeline, id)).Sources);

        await Uploads.Container(pipeline).DeleteBlobAsync("a.md");
        Assert.Equal(BlobDeletionOutcome.Deleted, await retractions.BlobDeletedAsync("a.md", CancellationToken.None));
        var deleted = await Uploads.StatusAsync(pipeline, "a.md");
        Assert.Equal((IngestState.Deleted, id), (deleted.Status, deleted.ArticleId));
        Assert.Contains("copy/a.md", deleted.Detail, StringComparison.Ordinal);
        Assert.Null((await Uploads.SummaryAsync(pipeline, id)).Withdrawal);
        Assert.Contains(await IndexAssertions.ActualRowsAsync(pipeline), r => r.RowKey.EndsWith(id, StringComparison.Ordinal));

        await Uploads.Container(pipeline).DeleteBlobAsync("copy/a.md");
        Assert.Equal(BlobDeletionOutcome.Retracted, await retractions.BlobDeletedAsync("copy/a.md", CancellationToken.None));
        Assert.Equal(BlobDeletionOutcome.AlreadyRecorded, await retractions.BlobDeletedAsync("copy/a.md", CancellationToken.None));
        var retracted = await Uploads.StatusAsync(pipeline, "copy/a.md");
        Assert.Equal((IngestState.Retracted, id), (retracted.Status, retracted.ArticleId));
        Assert.NotNull(retracted.UpdatedAt);
        Assert.Equal(WithdrawalKind.Retracted, (await Uploads.SummaryAsync(pipeline, id)).Withdrawal!.Kind);
        Assert.Null(await pipeline.GetRequiredService<ArticleStore>().GetAsync(id, CancellationToken.None));
        // Out of the feeds at once, before any run.
        Assert.DoesNotContain(await IndexAssertions.ActualRowsAsync(pipeline), r => r.RowKey.EndsWith(id, StringComparison.Ordinal));
        var audit = Assert.Single((await pipeline.GetRequiredService<AuditStore>().ReadAsync(id, null, 10, CancellationToken.None)).Entries);
        Assert.Equal((AuditAction.Retraction, AuditSource.BlobDelete, "copy/a.md"), (audit.Action, audit.Source, audit.Blob));

        await pipeline.GetRequiredService<RescoreRunner>().RunAsync(CancellationToken.None);
        await IndexAssertions.AssertIndexMatchesScoresAsync(pipeline);
        await StoryAssertions.AssertCountsMatchArticlesAsync(pipeline);
        await StoryAssertions.AssertStoryPagesMatchStoriesAsync(pipeline);

        // Uploading the file again is a new ingest: the article is back.
        Assert.Equal(IngestState.Ingested, (await Uploads.IngestAsync(pipeline, "a.md", text)).State);
        Assert.Null((await Uploads.SummaryAsync(pipeline, id)).Withdrawal);
        Assert.NotNull(await pipeline.GetRequiredService<ArticleStore>().GetAsync(id, CancellationToken.None));
        Assert.Contains(await IndexAssertions.ActualRowsAsync(pipeline), r => r.RowKey.EndsWith(id, StringComparison.Ordinal));
        // An event older than that upload finds the file there and does nothing.
        Assert.Equal(BlobDeletionOutcome.StillThere, await retractions.BlobDeletedAsync("a.md", CancellationToken.None));
    }

    [Fact]
    public async Task AFileUploadedAgainWithAnotherUrlMovesToTheNewArticleAndRetractsTheOneItAloneCarried()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync();
        var old = (await Uploads.IngestAsync(pipeline, "moving.md", Uploads.Article("old-url", "Moving article"))).ArticleId!;

        var moved = await Uploads.IngestAsync(pipeline, "moving.md", Uploads.Article("new-url", "Moving article, fixed link"));

        Assert.NotEqual(old, moved.ArticleId);
        Assert.Equal(WithdrawalKind.Retracted, (await Uploads.SummaryAsync(pipeline, old)).Withdrawal!.Kind);
        Assert.Null((await Uploads.SummaryAsync(pipeline, moved.ArticleId!)).Withdrawal);
        var status = await Uploads.StatusAsync(pipeline, "moving.md");
        Assert.Equal((IngestState.Ingested, moved.ArticleId), (status.Status, status.ArticleId));
        var audit = Assert.Single((await pipeline.GetRequiredService<AuditStore>().ReadAsync(old, null, 10, CancellationToken.None)).Entries);
        Assert.Equal(AuditSource.BlobReplaced, audit.Source);
        Assert.DoesNotContain(await IndexAssertions.ActualRowsAsync(pipeline), r => r.RowKey.EndsWith(old, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFileThatIsThereAgainWithItsStatusSayingRetractedIsIngestedByTheRecovery()
    {
        // What an undelete (soft delete keeps the version) or an upload racing its file's retraction leaves behind:
        // the file listed, its status "retracted" for that very version.
        await using var pipeline = await _azurite.CreatePipelineAsync();
        var id = (await Uploads.IngestAsync(pipeline, "back.md", Uploads.Article("back", "Back again"))).ArticleId!;
        await Uploads.Container(pipeline).DeleteBlobAsync("back.md");
        await pipeline.GetRequiredService<BlobRetractions>().BlobDeletedAsync("back.md", CancellationToken.None);
        var blob = Uploads.Container(pipeline).GetBlobClient("back.md");
        await blob.UploadAsync(BinaryData.FromString(Uploads.Article("back", "Back again")));
        var version = (await blob.GetPropertiesAsync()).Value.ETag.ToString();
        await pipeline.GetRequiredService<IngestStatusStore>().SetWithdrawnAsync("back.md", version, IngestState.Retracted, id, "raced", DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.Equal(1, await pipeline.GetRequiredService<PendingUploadRecovery>().RecoverAsync(TimeSpan.Zero, CancellationToken.None));

        Assert.Equal(IngestState.Ingested, (await Uploads.StatusAsync(pipeline, "back.md")).Status);
        Assert.Null((await Uploads.SummaryAsync(pipeline, id)).Withdrawal);
    }

    [SharedDataFact]
    public async Task ARetractionRecomputesItsStoryAndChangesNoOtherArticlesRows()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync();
        foreach (var file in Directory.GetFiles(RepositoryPaths.Samples).Concat(Directory.GetFiles(RepositoryPaths.Corpus)))
        {
            await Uploads.IngestAsync(pipeline, "shared/" + Path.GetFileName(file), await File.ReadAllTextAsync(file));
        }

        var rescore = pipeline.GetRequiredService<RescoreRunner>();
        await rescore.RunAsync(CancellationToken.None);
        var sample = "shared/" + Path.GetFileName(Directory.GetFiles(RepositoryPaths.Samples).Order(StringComparer.Ordinal).First());
        var id = (await Uploads.StatusAsync(pipeline, sample)).ArticleId!;
        var before = await Uploads.SummaryAsync(pipeline, id);
        var storyId = before.Score!.StoryId;
        var members = await MembersAsync(pipeline, storyId);
        Assert.True(await StoryArticleCountAsync(pipeline, storyId) >= 16);
        var snapshot = await Uploads.SnapshotAsync(pipeline);

        await Uploads.Container(pipeline).DeleteBlobAsync(sample);
        Assert.Equal(BlobDeletionOutcome.Retracted, await pipeline.GetRequiredService<BlobRetractions>().BlobDeletedAsync(sample, CancellationToken.None));
        await rescore.RunAsync(CancellationToken.None);

        var after = await Uploads.SnapshotAsync(pipeline);
        var related = members.Append(id).Append(storyId).ToList();
        var changed = snapshot.Keys.Union(after.Keys)
            .Where(key => snapshot.GetValueOrDefault(key) != after.GetValueOrDefault(key))
            .ToList();
        Assert.NotEmpty(changed);
        var unrelated = changed.Where(key => key.Table != "TopicStats" && !related.Any(r => key.Partition.Contains(r, StringComparison.Ordinal) || key.Row.Contains(r, StringComparison.Ordinal))).ToList();
        Assert.True(unrelated.Count == 0, "Rows outside the retracted article's story changed: " + string.Join(", ", unrelated.Take(10)));
        var stillThere = members.First(m => m != id && snapshot.ContainsKey(("Articles", ArticleEntityCodec.PartitionKeyOf(m), m)));
        Assert.Equal((await Uploads.SummaryAsync(pipeline, stillThere)).Score!.StorySize, (before.Score.StorySize) - 1);
        await IndexAssertions.AssertIndexMatchesScoresAsync(pipeline);
        await StoryAssertions.AssertCountsMatchArticlesAsync(pipeline);
        await StoryAssertions.AssertStoryPagesMatchStoriesAsync(pipeline);
        Assert.Equal(0, (await rescore.RunAsync(CancellationToken.None)).Writes);

        // Its story page no longer has it as an article of its own (other samples still cite its URL).
        var page = System.Text.Json.JsonDocument.Parse((await StoryRequests.GetAsync(pipeline, storyId)).Body).RootElement;
        Assert.DoesNotContain(page.GetProperty("members").EnumerateArray(), m => m.TryGetProperty("id", out var a) && a.ValueKind == System.Text.Json.JsonValueKind.String && a.GetString() == id);
    }

    private static async Task<int> StoryArticleCountAsync(IServiceProvider pipeline, string storyId) =>
        System.Text.Json.JsonDocument.Parse((await StoryRequests.GetAsync(pipeline, storyId)).Body).RootElement.GetProperty("articles").GetInt32();


    private static async Task<List<string>> MembersAsync(IServiceProvider pipeline, string storyId) =>
        [.. (await pipeline.GetRequiredService<StoryStore>().ReadStoryAsync(storyId, CancellationToken.None)).Members.Select(m => StoryIds.Format(m.Id))];
}
