using Azure.Core;
using Azure.Core.Pipeline;

namespace Serverless.IntegrationTests.Support;

/// <summary>A storage client seam that counts the requests that write (anything but GET).</summary>
public class WriteCountingPolicy : HttpPipelinePolicy
{
    private int _writes;
    private int _batches;

    public int Writes => Volatile.Read(ref _writes);

    /// <summary>Writes that were entity group transactions.</summary>
    public int Batches => Volatile.Read(ref _batches);

    public void Reset()
    {
        Interlocked.Exchange(ref _writes, 0);
        Interlocked.Exchange(ref _batches, 0);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        return ProcessNextAsync(message, pipeline);
    }

    /// <summary>Called before each write is sent, with the number of writes so far including this one.</summary>
    protected virtual void OnWrite(HttpMessage message, int writes)
    {
    }

    private void Count(HttpMessage message)
    {
        if (message.Request.Method != RequestMethod.Get)
        {
            if (message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _batches);
            }

            OnWrite(message, Interlocked.Increment(ref _writes));
        }
    }
}
