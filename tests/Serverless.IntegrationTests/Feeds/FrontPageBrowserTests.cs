using Serverless.IntegrationTests.Support;

namespace Serverless.IntegrationTests.Feeds;

/// <summary>The front page as a phone-sized headless Chromium renders it; the screenshot is kept as a test artefact.</summary>
public sealed class FrontPageBrowserTests : IClassFixture<FeedHostFixture>
{
    private readonly FeedHostFixture _fixture;

    public FrontPageBrowserTests(FeedHostFixture fixture)
    {
        _fixture = fixture;
    }

    [ChromiumFact(NeedsSharedData = true)]
    public async Task FrontPageRendersTheSampleStoryOnAPhone()
    {
        var url = new Uri(_fixture.Host.BaseAddress, "api/front");

        var dom = await Chromium.DumpDomAsync(url, 412, 915);
        var screenshot = Path.Combine(RepositoryPaths.Root, ".artifacts", "test-results", "front-page.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        File.Delete(screenshot);
        await Chromium.ScreenshotAsync(url, screenshot, 412, 2400);

        Assert.Contains("<h1>Hottest news by topic</h1>", dom);
        Assert.Contains("name=\"viewport\"", dom);
        // The sample story heads its topic through its hottest article: one of the two plain-text samples, which have
        // no date and so count from when they were ingested; whichever was ingested last is the fresher.
        Assert.True(
            dom.Contains("As actors and writers push back on automation, Hollywood is in the midst of an AI hiring boom", StringComparison.Ordinal) ||
            dom.Contains("Studios Advertise $US1 Million AI Jobs While Hollywood Writers Remain on Strike", StringComparison.Ordinal),
            "the sample story is not on the front page");
        Assert.Matches("href=\"http://127\\.0\\.0\\.1:\\d+/api/articles/[0-9a-f]{32}\"", dom);
        Assert.Matches(@"\d+ articles", dom);
        Assert.Contains("heat ", dom);
        Assert.DoesNotContain("<script", dom, StringComparison.OrdinalIgnoreCase);
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is empty");
    }
}
