namespace Serverless.LocalHost.Blobs;

/// <summary>One Event Grid event of a delivery to the blob webhook: its id and type, and the blob it is about.</summary>
public sealed record BlobEvent(string Id, string EventType, string ContainerName, string BlobName)
{
    public const string BlobCreated = "Microsoft.Storage.BlobCreated";

    public bool IsBlobCreated => string.Equals(EventType, BlobCreated, StringComparison.Ordinal);
}
