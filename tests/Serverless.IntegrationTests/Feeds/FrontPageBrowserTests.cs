using Serverless.IntegrationTests.Support;

namespace Serverless.IntegrationTests.Feeds;

/// <summary>
/// The front page and a story page as headless Chromium renders them on a phone (412 px) and a desktop (1280 px); the
/// screenshots are kept as test artefacts in <c>.artifacts/test-results</c>.
/// </summary>
public sealed class FrontPageBrowserTests : IClassFixture<FeedHostFixture>
{
    private readonly FeedHostFixture _fixture;

    public FrontPageBrowserTests(FeedHostFixture fixture)
    {
        _fixture = fixture;
    }

    [ChromiumTheory(NeedsSharedData = true)]
    [InlineData(412)]
    [InlineData(1280)]
    public async Task FrontPageShowsDistinctStoriesWithTheirCoverage(int width)
    {
        var url = new Uri(_fixture.Host.BaseAddress, "api/front");

        var dom = await Chromium.DumpDomAsync(url, width, 915);
        var screenshot = await ScreenshotAsync(url, $"front-page-{width}.png", width);

        Assert.Contains("<h1>Hottest news by topic</h1>", dom);
        Assert.Contains("name=\"viewport\"", dom);
        // Each story: its lead, "N articles from M outlets" linking to its page, and other outlets' headlines.
        Assert.Matches("href=\"/api/stories/[0-9a-f]{32}\">\\d+ articles from \\d+ outlets</a>", dom);
        Assert.Contains("class=\"more\"", dom);
        Assert.Contains("heat ", dom);
        Assert.DoesNotContain("<script", dom, StringComparison.OrdinalIgnoreCase);
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is empty");
    }

    [ChromiumTheory(NeedsSharedData = true)]
    [InlineData(412)]
    [InlineData(1280)]
    public async Task TheSampleStoryPageRendersItsLeadCoverageAndTimeline(int width)
    {
        var url = new Uri(_fixture.Host.BaseAddress, $"api/stories/{await _fixture.SampleStoryIdAsync()}?format=html");

        var dom = await Chromium.DumpDomAsync(url, width, 915);
        var screenshot = await ScreenshotAsync(url, $"story-page-{width}.png", width);

        Assert.Contains("full coverage</title>", dom);
        Assert.Matches(@"\d+ articles from \d+ outlets", dom);
        Assert.Contains("first reported by", dom);
        Assert.Contains("<svg", dom);
        Assert.Contains("<rect", dom);
        Assert.Contains("Coverage</h2>", dom);
        Assert.DoesNotContain("<script", dom, StringComparison.OrdinalIgnoreCase);
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is empty");
    }

    private static async Task<string> ScreenshotAsync(Uri url, string file, int width)
    {
        var screenshot = Path.Combine(RepositoryPaths.Root, ".artifacts", "test-results", file);
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        File.Delete(screenshot);
        await Chromium.ScreenshotAsync(url, screenshot, width, 2400);
        return screenshot;
    }
}
