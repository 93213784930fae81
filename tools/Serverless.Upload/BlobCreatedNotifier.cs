using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Serverless.Upload;

/// <summary>
/// Delivers a <c>Microsoft.Storage.BlobCreated</c> event (Event Grid schema) for each upload to a local Functions host's
/// blob webhook, as Event Grid does in Azure. IngestArticle declares the Event Grid source, so under <c>func start</c>
/// nothing else fires it until the recovery timer runs. Only ever used for a loopback host: a deployed app gets its
/// events from Event Grid. A failed delivery is not a lost file (the recovery timer still ingests it), so it is
/// recorded as a warning, never thrown.
/// </summary>
public sealed class BlobCreatedNotifier : IDisposable
{
    public const string FunctionId = "Host.Functions.IngestArticle";

    // What the service records for a blob uploaded without a content type, as these uploads are.
    private const string UploadedContentType = "application/octet-stream";

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly string? _key;
    private int _delivered;

    public BlobCreatedNotifier(Uri webhook, string? key)
    {
        Webhook = webhook;
        _key = key;
    }

    public Uri Webhook { get; }

    public int Delivered => _delivered;

    /// <summary>Blob name → why its event was not delivered.</summary>
    public ConcurrentDictionary<string, string> Failed { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The webhook for <paramref name="api"/> (<c>http://localhost:7071/api</c>: the host root, then
    /// <c>/runtime/webhooks/blobs</c>), or null when <paramref name="api"/> is not a loopback host.
    /// </summary>
    public static Uri? WebhookFor(string api) =>
        Uri.TryCreate(api, UriKind.Absolute, out var uri) && uri.IsLoopback
            ? new Uri($"{uri.GetLeftPart(UriPartial.Authority)}/runtime/webhooks/blobs?functionName={FunctionId}")
            : null;

    /// <summary>The body Event Grid would POST for <paramref name="blob"/>, just uploaded as <paramref name="uploaded"/>.</summary>
    public static string EventFor(BlobClient blob, BlobContentInfo uploaded, long contentLength) =>
        JsonSerializer.Serialize(new[]
        {
            new
            {
                id = Guid.NewGuid().ToString(),
                eventType = "Microsoft.Storage.BlobCreated",
                subject = $"/blobServices/default/containers/{blob.BlobContainerName}/blobs/{blob.Name}",
                eventTime = uploaded.LastModified.UtcDateTime.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
                dataVersion = string.Empty,
                metadataVersion = "1",
                topic = $"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/local/providers/Microsoft.Storage/storageAccounts/{blob.AccountName}",
                data = new
                {
                    api = "PutBlob",
                    clientRequestId = Guid.NewGuid().ToString(),
                    requestId = Guid.NewGuid().ToString(),
                    // Event Grid sends the ETag without the quotes of the HTTP header.
                    eTag = uploaded.ETag.ToString().Trim('"'),
                    contentType = UploadedContentType,
                    contentLength,
                    blobType = "BlockBlob",
                    url = blob.Uri.AbsoluteUri,
                },
            },
        });

    public async Task NotifyAsync(BlobClient blob, BlobContentInfo uploaded, long contentLength, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Webhook)
        {
            Content = new StringContent(EventFor(blob, uploaded, contentLength), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("aeg-event-type", "Notification");
        if (_key is { Length: > 0 })
        {
            request.Headers.Add("x-functions-key", _key);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref _delivered);
                return;
            }

            Failed[blob.Name] = $"{(int)response.StatusCode} {Detail(await response.Content.ReadAsStringAsync(cancellationToken))}".TrimEnd();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Failed[blob.Name] = ex.Message;
        }
    }

    public void Dispose() => _http.Dispose();

    // A problem+json body's detail, else the start of whatever came back.
    private static string Detail(string body)
    {
        try
        {
            using var problem = JsonDocument.Parse(body);
            if (problem.RootElement.ValueKind == JsonValueKind.Object &&
                problem.RootElement.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String)
            {
                return detail.GetString()!;
            }
        }
        catch (JsonException)
        {
        }

        return body.Length > 200 ? body[..200] : body;
    }
}
