using System.Text.Json;
using Azure.Storage.Blobs;

namespace Serverless.LocalHost.Blobs;

/// <summary>
/// Reads the body Event Grid POSTs to a webhook, in the Event Grid schema: an array of events (one object is accepted
/// too, as the Functions host accepts it). A body that is not one throws <see cref="FormatException"/> whose message
/// says what is wrong, for a 400.
/// </summary>
public static class EventGridDelivery
{
    /// <summary>The events of an <c>aeg-event-type: Notification</c> delivery.</summary>
    public static IReadOnlyList<BlobEvent> ReadNotification(string body)
    {
        using var document = Parse(body);
        var events = new List<BlobEvent>();
        foreach (var item in EventsOf(document.RootElement))
        {
            var index = events.Count;
            var id = RequiredString(item, "id", index);
            var eventType = RequiredString(item, "eventType", index);
            RequiredString(item, "subject", index);
            if (!item.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"Event {index} ('{id}') has no 'data' object.");
            }

            var url = RequiredString(data, "url", index, "data.url");
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new FormatException($"Event {index} ('{id}'): data.url '{url}' is not an absolute http(s) URL of a blob.");
            }

            var blob = new BlobUriBuilder(uri);
            if (string.IsNullOrEmpty(blob.BlobContainerName) || string.IsNullOrEmpty(blob.BlobName))
            {
                throw new FormatException($"Event {index} ('{id}'): data.url '{url}' names no blob (expected .../{{container}}/{{blob name}}).");
            }

            events.Add(new BlobEvent(id, eventType, blob.BlobContainerName, blob.BlobName));
        }

        return events;
    }

    /// <summary>The code to echo in an <c>aeg-event-type: SubscriptionValidation</c> handshake.</summary>
    public static string ReadValidationCode(string body)
    {
        using var document = Parse(body);
        var first = EventsOf(document.RootElement)[0];
        if (first.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object &&
            data.TryGetProperty("validationCode", out var code) && code.ValueKind == JsonValueKind.String &&
            code.GetString() is { Length: > 0 } value)
        {
            return value;
        }

        throw new FormatException("The subscription validation event has no data.validationCode.");
    }

    private static JsonDocument Parse(string body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The body is not JSON: {ex.Message}", ex);
        }
    }

    private static List<JsonElement> EventsOf(JsonElement root)
    {
        var events = root.ValueKind switch
        {
            JsonValueKind.Array => root.EnumerateArray().ToList(),
            JsonValueKind.Object => [root],
            _ => throw new FormatException($"The body must be an array of Event Grid events, not a JSON {root.ValueKind.ToString().ToLowerInvariant()}."),
        };
        if (events.Count == 0)
        {
            throw new FormatException("The body is an empty array: it holds no event.");
        }

        foreach (var item in events)
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("Every element of the array must be an event object.");
            }

            if (item.TryGetProperty("specversion", out _))
            {
                throw new FormatException("This is a CloudEvents event; the blob webhook takes the Event Grid schema (id, eventType, subject, eventTime, data, dataVersion).");
            }
        }

        return events;
    }

    private static string RequiredString(JsonElement element, string name, int index, string? path = null) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new FormatException($"Event {index} has no '{path ?? name}' string.");
}
