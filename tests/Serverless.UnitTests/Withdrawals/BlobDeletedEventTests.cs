using Serverless.Domain.Withdrawals;

namespace Serverless.UnitTests.Withdrawals;

public sealed class BlobDeletedEventTests
{
    [Theory]
    [InlineData("""{"eventType":"Microsoft.Storage.BlobDeleted","subject":"/blobServices/default/containers/articles/blobs/2023/07/a b.md"}""", "2023/07/a b.md")]
    [InlineData("""[{"eventType":"Microsoft.Storage.BlobDeleted","subject":"/blobServices/default/containers/articles/blobs/x.md"}]""", "x.md")]
    [InlineData("""{"specversion":"1.0","type":"Microsoft.Storage.BlobDeleted","subject":"/blobServices/default/containers/articles/blobs/cloud.md"}""", "cloud.md")]
    public void ABlobDeletedEventOfTheContainerNamesTheBlob(string message, string expected)
    {
        Assert.True(BlobDeletedEvent.TryParse(message, "articles", out var name, out _));
        Assert.Equal(expected, name);
    }

    [Theory]
    [InlineData("""{"eventType":"Microsoft.Storage.BlobCreated","subject":"/blobServices/default/containers/articles/blobs/x.md"}""", "BlobCreated")]
    [InlineData("""{"eventType":"Microsoft.Storage.BlobDeleted","subject":"/blobServices/default/containers/other/blobs/x.md"}""", "container 'articles'")]
    [InlineData("""{"eventType":"Microsoft.Storage.BlobDeleted","subject":"/blobServices/default/containers/articles/blobs/"}""", "container 'articles'")]
    [InlineData("not json", "not JSON")]
    [InlineData("[1, 2]", "not an Event Grid event")]
    [InlineData("\"text\"", "not an Event Grid event")]
    public void AnythingElseIsIgnoredWithTheReason(string message, string reason)
    {
        Assert.False(BlobDeletedEvent.TryParse(message, "articles", out var name, out var ignored));
        Assert.Null(name);
        Assert.Contains(reason, ignored, StringComparison.Ordinal);
    }
}
