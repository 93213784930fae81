using Azure.Storage.Blobs;

namespace Serverless.LocalHost.Blobs;

/// <summary>
/// Base of the WebJobs job classes generated for each blob-triggered function (see <see cref="BlobAdapterFactory"/>):
/// the WebJobs SDK's listener calls the generated method, which forwards here.
/// </summary>
public abstract class BlobTriggerAdapter
{
    private readonly BlobFunctionDispatcher _dispatcher;

    protected BlobTriggerAdapter(BlobFunctionDispatcher dispatcher)
    {
        _dispatcher = dispatcher;
    }

    protected Task InvokeAsync(string functionName, BlobClient blob, CancellationToken cancellationToken) =>
        _dispatcher.InvokeAsync(functionName, blob, $"New blob detected(LogsAndContainerScan): {blob.BlobContainerName}/{blob.Name}", cancellationToken);
}
