using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Serverless.IntegrationTests.Support;

/// <summary>A storage client seam that records every request sent (method and URI), for tests that bound a run's requests.</summary>
public sealed class RequestLog : HttpPipelinePolicy
{
    private readonly ConcurrentQueue<(RequestMethod Method, Uri Uri)> _requests = new();

    public IReadOnlyList<(RequestMethod Method, Uri Uri)> Requests => [.. _requests];

    public void Clear() => _requests.Clear();

    /// <summary>Listing calls of a blob container.</summary>
    public int BlobListings => Requests.Count(r => r.Method == RequestMethod.Get && r.Uri.Query.Contains("comp=list", StringComparison.Ordinal));

    /// <summary>Reads (queries and point reads) of the named table.</summary>
    public IReadOnlyList<Uri> TableReads(string table) =>
        [.. Requests.Where(r => r.Method == RequestMethod.Get && Uri.UnescapeDataString(r.Uri.AbsolutePath).Contains("/" + table + "(", StringComparison.Ordinal)).Select(r => r.Uri)];

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        _requests.Enqueue((message.Request.Method, message.Request.Uri.ToUri()));
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        _requests.Enqueue((message.Request.Method, message.Request.Uri.ToUri()));
        return ProcessNextAsync(message, pipeline);
    }
}
