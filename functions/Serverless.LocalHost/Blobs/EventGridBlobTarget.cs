using Azure.Storage.Blobs;
using Serverless.LocalHost.Catalog;

namespace Serverless.LocalHost.Blobs;

/// <summary>
/// A blob function with the Event Grid source, as the blob webhook reaches it: the container its path watches (the
/// <c>%Setting%</c> resolved, through the trigger's own connection) and the literal start of its blob pattern.
/// </summary>
public sealed record EventGridBlobTarget(FunctionDescriptor Function, BlobContainerClient Container, string BlobPrefix)
{
    /// <summary>The name the Functions host's blob webhook knows the function under (its <c>functionName</c>).</summary>
    public string FunctionId => EventGridBlobTargets.FunctionIdPrefix + Function.Name;

    /// <summary>Whether a blob created at <paramref name="containerName"/>/<paramref name="blobName"/> fires the trigger.</summary>
    public bool Watches(string containerName, string blobName) =>
        string.Equals(containerName, Container.Name, StringComparison.Ordinal) &&
        blobName.Length > BlobPrefix.Length &&
        blobName.StartsWith(BlobPrefix, StringComparison.Ordinal);
}
