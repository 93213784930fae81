using Microsoft.Extensions.DependencyInjection;
using Serverless.Domain.Ingestion;

namespace Serverless.IntegrationTests.Support;

/// <summary>What the status store records for an upload, once the statuses written behind have landed.</summary>
public static class UploadStatuses
{
    public static async Task<IngestStatus> ReadAsync(IServiceProvider pipeline, string blob)
    {
        var store = pipeline.GetRequiredService<IngestStatusStore>();
        await store.FlushAsync(CancellationToken.None);
        return (await store.GetAsync(blob, CancellationToken.None))!.Value.Status;
    }
}
