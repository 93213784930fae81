using Azure.Core;

namespace Serverless.IntegrationTests.Support;

/// <summary>A storage client seam that lets the first N writes through and then fails every request, like a process dying mid-run.</summary>
public sealed class FailAfterWritesPolicy(int allowedWrites) : WriteCountingPolicy
{
    public bool Tripped => Writes > allowedWrites;

    protected override void OnWrite(HttpMessage message, int writes)
    {
        if (writes > allowedWrites)
        {
            throw new IOException("Simulated crash: the process died in the middle of the run.");
        }
    }
}
