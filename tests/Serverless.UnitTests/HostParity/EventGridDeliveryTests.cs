using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Serverless.LocalHost.Blobs;
using Serverless.Upload;

namespace Serverless.UnitTests.HostParity;

/// <summary>
/// The Event Grid deliveries the local host's blob webhook reads, starting with the one the upload tool sends: what
/// the tool writes, the host must read back to the same blob.
/// </summary>
public sealed class EventGridDeliveryTests
{
    private const string Account = "http://127.0.0.1:10000/devstoreaccount1";

    [Theory]
    [InlineData("2026/11/hospital-triage.md")]
    [InlineData("folder/with space & ümlaut.md")]
    [InlineData("plain.txt")]
    public void TheUploadToolsEventNamesTheUploadedBlob(string blobName)
    {
        var blob = new BlobClient(new Uri($"{Account}/articles/{Uri.EscapeDataString(blobName).Replace("%2F", "/", StringComparison.Ordinal)}"));
        var uploaded = BlobsModelFactory.BlobContentInfo(new ETag("\"0x8DE1234567890AB\""), DateTimeOffset.UtcNow, null, null, null, null, 0);

        var body = BlobCreatedNotifier.EventFor(blob, uploaded, contentLength: 1234);
        var blobEvent = Assert.Single(EventGridDelivery.ReadNotification(body));

        Assert.True(blobEvent.IsBlobCreated);
        Assert.Equal("articles", blobEvent.ContainerName);
        Assert.Equal(blobName, blobEvent.BlobName);
        Assert.Contains("\"eTag\":\"0x8DE1234567890AB\"", body);
        Assert.Contains("\"contentLength\":1234", body);
        Assert.Contains($"\"subject\":\"/blobServices/default/containers/articles/blobs/{blobName}\"", System.Text.RegularExpressions.Regex.Unescape(body));
    }

    [Fact]
    public void OneEventObjectIsReadAsADeliveryOfOne()
    {
        var blobEvent = Assert.Single(EventGridDelivery.ReadNotification(Event("Microsoft.Storage.BlobCreated", $"{Account}/articles/a.md")));

        Assert.Equal("a.md", blobEvent.BlobName);
    }

    [Fact]
    public void OtherEventTypesAreReadButDoNotFireATrigger()
    {
        var blobEvent = Assert.Single(EventGridDelivery.ReadNotification($"[{Event("Microsoft.Storage.BlobDeleted", $"{Account}/articles/a.md")}]"));

        Assert.False(blobEvent.IsBlobCreated);
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("42", "array of Event Grid events")]
    [InlineData("[]", "empty array")]
    [InlineData("[1]", "event object")]
    [InlineData("""[{"id":"1","eventType":"Microsoft.Storage.BlobCreated","subject":"s"}]""", "'data'")]
    [InlineData("""[{"id":"1","eventType":"Microsoft.Storage.BlobCreated","subject":"s","data":{}}]""", "data.url")]
    [InlineData("""[{"id":"1","eventType":"Microsoft.Storage.BlobCreated","subject":"s","data":{"url":"articles/a.md"}}]""", "absolute")]
    [InlineData("""[{"id":"1","eventType":"Microsoft.Storage.BlobCreated","subject":"s","data":{"url":"http://127.0.0.1:10000/devstoreaccount1/articles"}}]""", "names no blob")]
    [InlineData("""[{"eventType":"Microsoft.Storage.BlobCreated","subject":"s","data":{"url":"http://h/a/b"}}]""", "'id'")]
    [InlineData("""{"specversion":"1.0","type":"Microsoft.Storage.BlobCreated","source":"s","id":"1","data":{}}""", "CloudEvents")]
    public void ABodyThatIsNotAnEventGridDeliveryIsRefusedWithTheReason(string body, string reason)
    {
        var error = Assert.Throws<FormatException>(() => EventGridDelivery.ReadNotification(body));

        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void TheValidationHandshakeEchoesTheCode()
    {
        const string body = """[{"id":"2d1781af","eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","subject":"","data":{"validationCode":"512d38b6-c7b8-40c8-89fe-f46f9e9622b6"},"dataVersion":"2","eventTime":"2026-01-01T00:00:00Z"}]""";

        Assert.Equal("512d38b6-c7b8-40c8-89fe-f46f9e9622b6", EventGridDelivery.ReadValidationCode(body));
        Assert.Throws<FormatException>(() => EventGridDelivery.ReadValidationCode("""[{"id":"1","data":{}}]"""));
    }

    [Theory]
    [InlineData("http://localhost:7071/api", "http://localhost:7071/runtime/webhooks/blobs?functionName=Host.Functions.IngestArticle")]
    [InlineData("http://127.0.0.1:5005/api/", "http://127.0.0.1:5005/runtime/webhooks/blobs?functionName=Host.Functions.IngestArticle")]
    [InlineData("http://[::1]:7071/api", "http://[::1]:7071/runtime/webhooks/blobs?functionName=Host.Functions.IngestArticle")]
    [InlineData("https://news.azurewebsites.net/api", null)]
    [InlineData("http://192.168.1.20:7071/api", null)]
    [InlineData("not a url", null)]
    public void TheUploadToolAnnouncesUploadsToLoopbackHostsOnly(string api, string? webhook)
    {
        Assert.Equal(webhook, BlobCreatedNotifier.WebhookFor(api)?.ToString());
    }

    private static string Event(string eventType, string url) =>
        $$$"""{"id":"e1","eventType":"{{{eventType}}}","subject":"/blobServices/default/containers/articles/blobs/a.md","eventTime":"2026-01-01T00:00:00Z","dataVersion":"","data":{"url":"{{{url}}}"}}""";
}
