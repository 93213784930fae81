using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Serverless.Domain.Withdrawals;

/// <summary>
/// Reads the blob name out of a Microsoft.Storage.BlobDeleted event as Event Grid puts it in a storage queue, in the
/// Event Grid schema (<c>eventType</c>) or as a CloudEvent (<c>type</c>); the subject is
/// <c>/blobServices/default/containers/{container}/blobs/{name}</c>.
/// </summary>
public static class BlobDeletedEvent
{
    public const string EventType = "Microsoft.Storage.BlobDeleted";
    private const string ContainersPrefix = "/blobServices/default/containers/";

    /// <summary>
    /// The deleted blob's name when <paramref name="message"/> is a BlobDeleted event for <paramref name="container"/>;
    /// otherwise false, with why in <paramref name="ignored"/> (another event type or container, or not an event).
    /// </summary>
    public static bool TryParse(string message, string container, [NotNullWhen(true)] out string? blobName, [NotNullWhen(false)] out string? ignored)
    {
        blobName = null;
        try
        {
            using var document = JsonDocument.Parse(message);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() == 1)
            {
                root = root[0];
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                ignored = "the message is not an Event Grid event";
                return false;
            }

            var type = Text(root, "eventType") ?? Text(root, "type");
            if (type != EventType)
            {
                ignored = $"the event is a {type ?? "message without a type"}, not a {EventType}";
                return false;
            }

            var subject = Text(root, "subject") ?? string.Empty;
            var prefix = ContainersPrefix + container + "/blobs/";
            if (!subject.StartsWith(prefix, StringComparison.Ordinal) || subject.Length == prefix.Length)
            {
                ignored = $"the event's subject '{subject}' is not a blob of container '{container}'";
                return false;
            }

            blobName = subject[prefix.Length..];
            ignored = null;
            return true;
        }
        catch (JsonException ex)
        {
            ignored = $"the message is not JSON ({ex.Message})";
            return false;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
