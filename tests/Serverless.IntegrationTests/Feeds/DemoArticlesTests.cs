using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Domain.Feeds;
using Serverless.Domain.Ingestion;
using Serverless.Domain.Rescoring;
using Serverless.Domain.Stores;
using Serverless.IntegrationTests.Support;

namespace Serverless.IntegrationTests.Feeds;

/// <summary>The demo that scripts/run.sh loads looks alive whenever it runs: fresh dates, hot heats, a story several outlets cover.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DemoArticlesTests
{
    private readonly AzuriteFixture _azurite;

    public DemoArticlesTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task TheDemoIsDatedRelativeToNowHotAndHasAStoryOfThreeOutlets()
    {
        var folder = Directory.CreateTempSubdirectory("demo-").FullName;
        try
        {
            await RunAsync(Path.Combine(RepositoryPaths.Root, "scripts", "demo-articles.sh"), folder);
            await using var pipeline = await _azurite.CreatePipelineAsync(settings: new Dictionary<string, string?> { ["Feeds:PageCacheSeconds"] = "0" });
            var ingestor = pipeline.GetRequiredService<ArticleIngestor>();
            foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
            {
                var outcome = await ingestor.IngestContentAsync("demo/" + Path.GetRelativePath(folder, file), await File.ReadAllBytesAsync(file), null, CancellationToken.None);
                Assert.Equal(IngestState.Ingested, outcome.State);
            }

            await pipeline.GetRequiredService<RescoreRunner>().RunAsync(CancellationToken.None);
            var front = await pipeline.GetRequiredService<FrontPageQuery>().GetAsync(CancellationToken.None);
            var items = front.SelectMany(t => t.Stories).ToList();

            var newest = items.Max(i => i.Head.Lead!.Published!.Value);
            Assert.InRange(DateTimeOffset.UtcNow - newest, TimeSpan.Zero, TimeSpan.FromHours(12));
            // Hot: the front page's best story has kept more than half its worth (a week-old demo would be under 1 %).
            Assert.True(items.Max(i => i.Heat) >= 40, $"hottest heat {items.Max(i => i.Heat)}");
            var outlets = items.Max(i => i.Head.Outlets);
            Assert.True(outlets >= 3, $"the widest demo story has {outlets} outlets on the front page");
            // Each topic lists a story once, with the other outlets' headlines under its lead.
            Assert.All(front, t => Assert.Equal(t.Stories.Count, t.Stories.DistinctBy(s => s.Head.StoryId).Count()));
            Assert.Contains(items, i => StoryHeadline.Parse(i.Head.Others).Count >= 2);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task RunAsync(string script, string argument)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, errors);
    }
}
