using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Serverless.Upload;

/// <summary>One file into the articles container, under a role that covers that container only.</summary>
internal static class ContainerUpload
{
    /// <summary>
    /// Uploads one file, creating the container only when the upload finds it missing (a fresh Azurite). It is never
    /// checked or created beforehand: creating a container is an account-level operation, refused (403) to an uploader
    /// whose role covers only the articles container, as infra/main.bicep grants it, and needless while it exists.
    /// </summary>
    public static async Task<BlobContentInfo> UploadFileAsync(BlobClient blob, FileStream stream, Lazy<Task> createContainer, CancellationToken cancellationToken)
    {
        try
        {
            return (await blob.UploadAsync(stream, overwrite: true, cancellationToken)).Value;
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404 && ex.ErrorCode == "ContainerNotFound")
        {
            await createContainer.Value;
            stream.Position = 0;
            return (await blob.UploadAsync(stream, overwrite: true, cancellationToken)).Value;
        }
    }

    public static async Task CreateContainerAsync(BlobContainerClient container, CancellationToken cancellationToken)
    {
        try
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 403)
        {
            throw new ContainerMissingException(
                $"The container '{container.Name}' does not exist ({container.Uri}), and this identity may not create it ({ex.ErrorCode}): " +
                "creating a container takes a role on the whole storage account, and uploaders get theirs on the articles container only. " +
                "Deploy the infrastructure first (azd up, or az deployment group create -f infra/main.bicep), which creates the container, then upload again.",
                ex);
        }
    }

    /// <summary>The articles container is missing and this identity may not create it: no file can be uploaded.</summary>
    internal sealed class ContainerMissingException(string message, Exception innerException) : Exception(message, innerException);
}
