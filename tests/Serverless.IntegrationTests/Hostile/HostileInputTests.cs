using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Domain.Feeds;
using Serverless.Domain.Feeds.Formats;
using Serverless.Domain.Ingestion;
using Serverless.Domain.Rescoring;
using Serverless.IntegrationTests.Support;

namespace Serverless.IntegrationTests.Hostile;

/// <summary>
/// The hostile corpus (tests/hostile-corpus) through the real ingestion path into Azurite: every file ends as a clean
/// article or a clear rejection, and nothing any feed format or the front page renders carries active content.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class HostileInputTests
{
    private readonly AzuriteFixture _azurite;

    public HostileInputTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    public static IEnumerable<(string Name, byte[] Content)> Corpus()
    {
        var folder = Path.Combine(RepositoryPaths.Root, "tests", "hostile-corpus");
        foreach (var file in Directory.GetFiles(folder).Where(f => !f.EndsWith("README.md", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            yield return (Path.GetFileName(file), File.ReadAllBytes(file));
        }

        yield return ("generated/10mb-single-line.txt", Encoding.UTF8.GetBytes(new string('A', 10 * 1024 * 1024)));
        yield return ("generated/4mb-single-line.txt", Encoding.UTF8.GetBytes("Title of a very long line " + new string('B', 4 * 1024 * 1024)));
        var related = new StringBuilder("---\ntitle: \"Five thousand related\"\nwebUrl: https://example.com/many\nquality: 90\ntopics: [AI]\nrelated:\n");
        for (var i = 0; i < 5_000; i++)
        {
            related.Append($"  - title: \"<script>r{i}</script>\"\n    webUrl: \"https://r{i % 50}.example.com/{i}\"\n    provider: {{ name: \"P{i % 50}\", domain: \"r{i % 50}.example.com\" }}\n");
        }

        yield return ("generated/5000-related.md", Encoding.UTF8.GetBytes(related.Append("---\n").ToString()));
    }

    [Fact]
    public async Task EveryHostileFileEndsCleanOrClearlyRejectedAndNothingActiveIsServed()
    {
        await using var pipeline = await _azurite.CreatePipelineAsync();
        var ingestor = pipeline.GetRequiredService<ArticleIngestor>();
        var corpus = Corpus().ToList();
        Assert.True(corpus.Count >= 40, $"the hostile corpus has {corpus.Count} files");

        var outcomes = new List<(string Name, IngestOutcome Outcome)>();
        foreach (var (name, content) in corpus)
        {
            var outcome = await ingestor.IngestContentAsync(name, content, null, CancellationToken.None);
            outcomes.Add((name, outcome));
            Assert.True(outcome.State is IngestState.Ingested or IngestState.Rejected, $"{name}: {outcome.State}");
            if (outcome.State == IngestState.Rejected)
            {
                Assert.False(string.IsNullOrWhiteSpace(outcome.Error!.Code), name);
                Assert.True(outcome.Error.Message.Length > 20, $"{name}: '{outcome.Error.Message}' does not explain much");
                Assert.DoesNotContain("Exception", outcome.Error.Code, StringComparison.Ordinal);
            }
        }

        Assert.Contains(outcomes, o => o.Outcome.State == IngestState.Rejected);
        Assert.Contains(outcomes, o => o.Outcome.State == IngestState.Ingested);
        Assert.Equal(IngestState.Rejected, outcomes.Single(o => o.Name == "generated/10mb-single-line.txt").Outcome.State);
        Assert.Equal(IngestState.Ingested, outcomes.Single(o => o.Name == "generated/5000-related.md").Outcome.State);
        Assert.Equal(IngestState.Ingested, outcomes.Single(o => o.Name == "40-crlf-bom-valid.md").Outcome.State);
        Assert.Equal(IngestState.Ingested, outcomes.Single(o => o.Name == "09-utf16-le-bom.md").Outcome.State);
        var controls = outcomes.Single(o => o.Name == "46-control-chars-every-field.json").Outcome;
        Assert.True(controls.State == IngestState.Ingested, controls.Error?.ToString());

        await pipeline.GetRequiredService<RescoreRunner>().RunAsync(CancellationToken.None);
        var feeds = pipeline.GetRequiredService<TopicFeedQuery>();
        var rendered = new StringBuilder();
        var topics = await feeds.ListTopicsAsync(CancellationToken.None);
        foreach (var topic in topics.Where(t => t.ArticleCount > 0))
        {
            var (items, _) = await feeds.GetPageAsync(topic.Id, 100, null, null, CancellationToken.None);
            var links = new FeedLinks(new Uri("https://feeds.example/api/topics/x/feed"), null, new Uri("https://feeds.example/api/front"));
            var page = new FeedPage(new TopicFeedSubject(topic), items, links);
            foreach (var format in FeedFormats.All)
            {
                rendered.Append(Encoding.UTF8.GetString(format.Render(page)));
            }
        }

        rendered.Append(Encoding.UTF8.GetString(FrontPageRenderer.Render(await pipeline.GetRequiredService<FrontPageQuery>().GetAsync(CancellationToken.None), DateTimeOffset.UtcNow, "/api")));
        var all = rendered.ToString();
        Assert.Contains("Breaking news", all);
        // Control characters and lone surrogates are removed at parse, so every format rendered the article carrying them.
        Assert.Contains("Control characters in every field", all, StringComparison.Ordinal);
        Assert.DoesNotContain(all, c => (char.IsControl(c) && c is not ('\t' or '\n' or '\r')) || char.IsSurrogate(c));
        Assert.DoesNotContain("<script", all, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", all, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:text", all, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"/news/local", all, StringComparison.Ordinal);
    }
}
