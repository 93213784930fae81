using Azure.Core;
using Azure.Core.Pipeline;

namespace Serverless.IntegrationTests.Support;

/// <summary>A storage client seam that fails every plain write to one table, like a partition that keeps refusing.</summary>
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
        if (message.Request.Method != RequestMethod.Get && message.Request.Uri.Path.Contains($"/{table}(", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _refused);
            throw new IOException($"Simulated fault: writes to {table} are refused.");
        }
    }
}
