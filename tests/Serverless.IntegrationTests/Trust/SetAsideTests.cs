using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Domain.Articles;
using Serverless.Domain.Ingestion;
using Serverless.Domain.Rescoring;
using Serverless.Domain.Stores;
using Serverless.IntegrationTests.Support;

namespace Serverless.IntegrationTests.Trust;

/// <summary>One file cannot stop rescoring for everyone: a related title far past the storage's property limit.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SetAsideTests
{
    private readonly AzuriteFixture _azurite;

    public SetAsideTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task ARelatedTitleFarPastThePropertyLimitIsCutAtParseAndTheRunGoesOn()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync();
        var outcome = await pipeline.GetRequiredService<ArticleIngestor>().IngestContentAsync(
            "long-title.md", Encoding.UTF8.GetBytes(Text("Long", "https://a.example/long", new string('t', 100_000))), null, CancellationToken.None);
        var honest = await StoryArticles.IngestAsync(pipeline, "after", "Sea ice minimum recorded", "2023-08-01T10:00:00Z");

        var report = await pipeline.GetRequiredService<RescoreRunner>().RunAsync(CancellationToken.None);

        Assert.Equal(IngestState.Ingested, outcome.State);
        Assert.Empty(report.SetAside);
        var document = await pipeline.GetRequiredService<ArticleStore>().GetAsync(outcome.ArticleId!, CancellationToken.None);
        Assert.Equal(300, document!.Article!.Related[0].Title!.Length);
        Assert.EndsWith("…", document.Article.Related[0].Title, StringComparison.Ordinal);
        Assert.Contains((await UploadStatuses.ReadAsync(pipeline, "long-title.md")).Warnings, w => w.Code == "text-cut" && w.Message.Contains("related[0].title", StringComparison.Ordinal));
        Assert.NotNull((await pipeline.GetRequiredService<ArticleStore>().GetSummaryAsync(honest, CancellationToken.None))!.Score);
    }

    [Fact]
    public async Task AChangeStorageRefusesIsSetAsideTheRestOfTheRunLandsAndTheUploadSaysSo()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync();
        var rescore = pipeline.GetRequiredService<RescoreRunner>();
        var before = await StoryArticles.IngestAsync(pipeline, "before", "Harbour cranes idle", "2023-07-31T10:00:00Z");

        // An article stored before parse bounds existed (or by any path around them): its related title is 40,000
        // characters, past the 32K a string property holds, so its story rows can never be written.
        var poisoned = await StoreUnboundedAsync(pipeline, "poisoned.md", "https://poison.example/p", new string('x', 40_000));
        var after = await StoryArticles.IngestAsync(pipeline, "after", "Orchards flourish in spring", "2023-08-01T10:00:00Z", "before");

        var report = await rescore.RunAsync(CancellationToken.None);

        var setAside = Assert.Single(report.SetAside);
        Assert.Equal((poisoned, 1), (setAside.ArticleId, setAside.Attempts));
        Assert.NotNull(setAside.RetryAt);
        // The story uploaded after it formed in the same run, and the journal holds nothing more.
        var store = pipeline.GetRequiredService<ArticleStore>();
        var story = (await store.GetSummaryAsync(before, CancellationToken.None))!.Score!.StoryId;
        Assert.Equal(story, (await store.GetSummaryAsync(after, CancellationToken.None))!.Score!.StoryId);
        var heads = await pipeline.GetRequiredService<StoryStore>().ReadHeadsAsync([story], CancellationToken.None);
        Assert.Equal(2, heads[story].Articles);
        Assert.Equal(0, await pipeline.GetRequiredService<ChangeJournalStore>().CountAsync(CancellationToken.None));
        Assert.Contains((await UploadStatuses.ReadAsync(pipeline, "poisoned.md")).Warnings, w => w.Code == "rescore-set-aside");

        // A later run does not stumble on it again before its retry time, and a manual release of parked entries
        // leaves waiting ones alone.
        var next = await rescore.RunAsync(releaseParked: true, CancellationToken.None);
        Assert.Empty(next.SetAside);
        Assert.Equal((0, 0), (next.Released, next.Parked));
        var waiting = Assert.Single(await pipeline.GetRequiredService<ChangeJournalStore>().ReadSetAsideAsync(10, CancellationToken.None));
        Assert.Equal((poisoned, 1, false), (waiting.ArticleId, waiting.Attempts, waiting.Parked));
    }

    [Fact]
    public async Task AnEntryThatKeepsFailingIsParkedAfterItsLastAttemptAndReleasedOnRequest()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync(settings: new Dictionary<string, string?>
        {
            ["Rescore:SetAsideRetryMinutes"] = "0",
            ["Rescore:SetAsideAttempts"] = "2",
        });
        var rescore = pipeline.GetRequiredService<RescoreRunner>();
        var poisoned = await StoreUnboundedAsync(pipeline, "poisoned.md", "https://poison.example/p", new string('x', 40_000));

        var first = await rescore.RunAsync(CancellationToken.None);
        var second = await rescore.RunAsync(CancellationToken.None);

        Assert.Equal(1, Assert.Single(first.SetAside).Attempts);
        Assert.Equal(1, second.Released);
        var parked = Assert.Single(second.SetAside);
        Assert.Equal((poisoned, 2, (DateTimeOffset?)null), (parked.ArticleId, parked.Attempts, parked.RetryAt));
        Assert.Equal(1, second.Parked);
        Assert.Contains((await UploadStatuses.ReadAsync(pipeline, "poisoned.md")).Warnings, w => w.Code == "rescore-set-aside" && w.Message.Contains("parked", StringComparison.Ordinal));

        var third = await rescore.RunAsync(CancellationToken.None);
        Assert.Equal((0, 1), (third.Released, third.Parked));
        var released = await rescore.RunAsync(releaseParked: true, CancellationToken.None);
        Assert.Equal(1, released.Released);
    }

    private static string Text(string title, string url, string relatedTitle) =>
        $"---\ntitle: {title}\nwebUrl: {url}\npublishedDateTime: 2023-08-01T09:00:00Z\nquality: 90\ntopics: [AI]\nrelated:\n  - webUrl: https://elsewhere.example/r\n    title: \"{relatedTitle}\"\n---\n";

    /// <summary>Stores an article, its journal entry and its status as an ingest would, without the parser's bounds.</summary>
    private static async Task<string> StoreUnboundedAsync(IServiceProvider pipeline, string blob, string url, string relatedTitle)
    {
        var article = new Article
        {
            Id = ArticleIdentity.FromCanonicalUrl(UrlCanonicalizer.Canonicalize(url)!),
            Title = "Unbounded",
            WebUrl = url,
            CanonicalUrl = UrlCanonicalizer.Canonicalize(url),
            PublishedDateTime = new DateTimeOffset(2023, 8, 1, 9, 30, 0, TimeSpan.Zero),
            Quality = 90,
            Topics = ["AI"],
            Related = [new RelatedArticle { WebUrl = "https://elsewhere.example/r", Title = relatedTitle }],
        };
        var now = DateTimeOffset.UtcNow;
        var indexer = pipeline.GetRequiredService<IArticleIndexer>();
        var summary = await indexer.ScoreNewAsync(article, ArticleSummary.From(article, now) with { Sources = [blob] }, null, CancellationToken.None);
        await indexer.RecordChangeAsync(summary, null, CancellationToken.None);
        Assert.True(await pipeline.GetRequiredService<ArticleStore>().TryInsertAsync(ArticleEntityCodec.SerializeDocument(article), summary, blob, CancellationToken.None));
        await pipeline.GetRequiredService<IngestStatusStore>().SetIngestedAsync(blob, null, article.Id, now, CancellationToken.None);
        return article.Id;
    }
}
