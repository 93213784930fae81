using System.Reflection.Emit;
using Azure.Storage.Blobs;
using Microsoft.Azure.WebJobs;
using Serverless.LocalHost.Catalog;
using WorkerBlobTrigger = Microsoft.Azure.Functions.Worker.BlobTriggerAttribute;

namespace Serverless.LocalHost.Blobs;

/// <summary>
/// Generates, at start-up, one WebJobs job class per blob-triggered function (see <see cref="AdapterTypeBuilder"/>),
/// its <c>[BlobTrigger]</c> built from the worker function's own attribute: nothing is written a second time.
/// </summary>
public static class BlobAdapterFactory
{
    public static IReadOnlyList<Type> CreateAdapterTypes(IEnumerable<FunctionDescriptor> blobFunctions)
    {
        var builder = new AdapterTypeBuilder("Serverless.LocalHost.Generated");
        var connection = typeof(BlobTriggerAttribute).GetProperty(nameof(BlobTriggerAttribute.Connection))!;
        return [.. blobFunctions.Select(function =>
        {
            var trigger = (WorkerBlobTrigger)function.Trigger;
            var attribute = new CustomAttributeBuilder(
                typeof(BlobTriggerAttribute).GetConstructor([typeof(string)])!,
                [trigger.BlobPath],
                [connection],
                [trigger.Connection ?? "AzureWebJobsStorage"]);
            return builder.Define(function.Name, typeof(BlobTriggerAdapter), typeof(BlobFunctionDispatcher), typeof(BlobClient), attribute);
        })];
    }
}
