using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Serverless.Bench;

/// <summary>
/// Counts what a process asks of storage: requests, rows returned per table (entities in query pages and point
/// reads), and the reads themselves (method and URI), so they can be replayed raw.
/// </summary>
public sealed class StorageRequestCounter : HttpPipelinePolicy
{
    private readonly ConcurrentDictionary<string, int> _rows = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Uri> _reads = new();
    private int _requests;

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Table GET requests, in the order sent.</summary>
    public IReadOnlyCollection<Uri> Reads => _reads;

    /// <summary>Rows returned by reads of the table whose name starts with <paramref name="prefix"/>.</summary>
    public int RowsRead(string prefix) => _rows.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(kv => kv.Value);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        Count(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        Count(message);
    }

    private void Count(HttpMessage message)
    {
        Interlocked.Increment(ref _requests);
        var uri = message.Request.Uri.ToUri();
        if (message.Request.Method != RequestMethod.Get || message.Response.Status != 200 || uri.Segments.Length < 3)
        {
            return;
        }

        var resource = Uri.UnescapeDataString(uri.Segments[2]);
        var table = resource.Split('(')[0];
        if (!resource.Contains('(', StringComparison.Ordinal) || message.Response.Headers.ContentType?.Contains("json", StringComparison.Ordinal) != true)
        {
            return;
        }

        _reads.Enqueue(uri);
        _rows.AddOrUpdate(table, _ => CountEntities(message), (_, n) => n + CountEntities(message));
    }

    /// <summary>The entities of a query page ("value") or 1 for a point read; the buffered body is rewound for the SDK.</summary>
    private static int CountEntities(HttpMessage message)
    {
        if (message.Response.ContentStream is not { CanSeek: true } body)
        {
            return 0;
        }

        var start = body.Position;
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array ? value.GetArrayLength() : 1;
        }
        finally
        {
            body.Position = start;
        }
    }
}
