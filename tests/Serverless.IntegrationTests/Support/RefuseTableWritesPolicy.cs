using Azure.Core;

namespace Serverless.IntegrationTests.Support;

/// <summary>A storage client seam that fails every write to one table (plain or in a transaction), like a table that keeps refusing.</summary>
public sealed class RefuseTableWritesPolicy(string table) : WriteCountingPolicy
{
    private int _refused;

    public int Refused => Volatile.Read(ref _refused);

    protected override void OnWrite(HttpMessage message, int writes)
    {
        if (message.Request.Uri.Path.Contains($"/{table}(", StringComparison.Ordinal) || IsTransactionOn(message.Request))
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
