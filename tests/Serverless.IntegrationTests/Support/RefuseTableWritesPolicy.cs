using Azure.Core;
using Azure.Core.Pipeline;

namespace Serverless.IntegrationTests.Support;

/// <summary>A storage client seam that fails every write to one table (plain or in a transaction), like a table that keeps refusing.</summary>
public sealed class RefuseTableWritesPolicy(string table) : HttpPipelinePolicy
{
    private int _refused;

    public int Refused => Volatile.Read(ref _refused);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Check(HttpMessage message)
    {
        if (message.Request.Method != RequestMethod.Get && (message.Request.Uri.Path.Contains($"/{table}(", StringComparison.Ordinal) || IsTransactionOn(message.Request)))
        {
            Interlocked.Increment(ref _refused);
            throw new IOException($"Simulated fault: writes to {table} are refused.");
        }
    }

    private bool IsTransactionOn(Request request)
    {
        if (!request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) || request.Content is null)
        {
            return false;
        }

        using var body = new MemoryStream();
        request.Content.WriteTo(body, CancellationToken.None);
        return System.Text.Encoding.UTF8.GetString(body.ToArray()).Contains($"/{table}(", StringComparison.Ordinal);
    }
}
