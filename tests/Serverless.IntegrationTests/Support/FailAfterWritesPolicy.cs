using Azure.Core;
using Azure.Core.Pipeline;

namespace Serverless.IntegrationTests.Support;

/// <summary>A storage client seam that lets the first N writes through and then fails every request, like a process dying mid-run.</summary>
public sealed class FailAfterWritesPolicy(int allowedWrites) : HttpPipelinePolicy
{
    private int _writes;

    public bool Tripped => Volatile.Read(ref _writes) > allowedWrites;

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
        if (message.Request.Method != RequestMethod.Get && Interlocked.Increment(ref _writes) > allowedWrites)
        {
            throw new IOException("Simulated crash: the process died in the middle of the run.");
        }
    }
}
