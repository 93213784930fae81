using System.Text;

namespace Serverless.IntegrationTests.Support;

/// <summary>
/// An Event Grid delivery to the local host's blob webhook, as Event Grid (or the upload tool) POSTs it: the body, the
/// <c>aeg-event-type</c> header and the function key.
/// </summary>
public static class BlobWebhookDelivery
{
    /// <summary>The webhook of IngestArticle, the Event Grid blob trigger.</summary>
    public const string IngestArticle = "runtime/webhooks/blobs?functionName=Host.Functions.IngestArticle";

    /// <summary>A delivery; a null event type or key leaves that header out, as a caller that is not Event Grid would.</summary>
    public static HttpRequestMessage Request(string? eventType, string body, string? functionKey, string path = IngestArticle)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (eventType is not null)
        {
            request.Headers.Add("aeg-event-type", eventType);
        }

        if (functionKey is not null)
        {
            request.Headers.Add("x-functions-key", functionKey);
        }

        return request;
    }
}
