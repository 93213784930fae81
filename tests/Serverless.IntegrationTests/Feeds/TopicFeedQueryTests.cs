using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Domain.Feeds;
using Serverless.Domain.Ingestion;
using Serverless.IntegrationTests.Support;

namespace Serverless.IntegrationTests.Feeds;

/// <summary>The feed query against Azurite directly, with hostile topic ids reaching the storage filter.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TopicFeedQueryTests
{
    private readonly AzuriteFixture _azurite;

    public TopicFeedQueryTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Theory]
    [InlineData("ai' or PartitionKey ne '")]
    [InlineData("ai' or '1' eq '1")]
    [InlineData("%27 or true")]
    [InlineData("ai') or (RowKey gt '")]
    [InlineData("' or PartitionKey gt '' or '")]
    public async Task HostileTopicIdsAreParametersAndMatchNothing(string topicId)
    {
        await using var pipeline = await _azurite.CreatePipelineAsync();
        var ingestor = pipeline.GetRequiredService<ArticleIngestor>();
        await ingestor.IngestContentAsync("a.md", Encoding.UTF8.GetBytes("---\ntitle: Secret\nwebUrl: https://example.com/a\nquality: 99\ntopics: [AI]\n---\n"), null, CancellationToken.None);
        var query = pipeline.GetRequiredService<TopicFeedQuery>();

        var (legit, _) = await query.GetPageAsync("ai", 10, null, null, CancellationToken.None);
        var (hostile, _) = await query.GetPageAsync(topicId, 10, null, null, CancellationToken.None);

        Assert.Single(legit);
        Assert.Empty(hostile);
    }
}
