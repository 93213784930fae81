using System.Reflection;
using Azure.Storage.Blobs;
using Serverless.LocalHost.Catalog;

namespace Serverless.LocalHost.Blobs;

/// <summary>Binds a triggering blob to a function's parameters (BlobClient, Stream, byte[], string, the {name}) and runs it.</summary>
public sealed class BlobFunctionDispatcher
{
    private readonly FunctionCatalog _catalog;
    private readonly FunctionInvoker _invoker;

    public BlobFunctionDispatcher(FunctionCatalog catalog, FunctionInvoker invoker)
    {
        _catalog = catalog;
        _invoker = invoker;
    }

    /// <summary>
    /// Runs blob function <paramref name="functionName"/> on <paramref name="blob"/>; <paramref name="reason"/> says
    /// what found the blob (the polling listener or an Event Grid notification), as the Functions host logs it.
    /// </summary>
    public async Task InvokeAsync(string functionName, BlobClient blob, string reason, CancellationToken cancellationToken)
    {
        var function = _catalog.OfKind(TriggerKind.Blob).Single(f => f.Name == functionName);
        await _invoker.InvokeAsync(function, reason, (parameter, ct) => BindAsync(function, parameter, blob, ct), cancellationToken);
    }

    private static async ValueTask<object?> BindAsync(FunctionDescriptor function, ParameterInfo parameter, BlobClient blob, CancellationToken cancellationToken)
    {
        var type = parameter.ParameterType;
        if (parameter == function.TriggerParameter || parameter.Position == function.TriggerParameter.Position)
        {
            if (type.IsAssignableFrom(typeof(BlobClient)))
            {
                return blob;
            }

            if (type == typeof(Stream))
            {
                return await blob.OpenReadAsync(cancellationToken: cancellationToken);
            }

            if (type == typeof(byte[]))
            {
                return (await blob.DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
            }

            if (type == typeof(string))
            {
                return (await blob.DownloadContentAsync(cancellationToken)).Value.Content.ToString();
            }
        }
        else if (type == typeof(string))
        {
            // Binding data from the path pattern: "{name}" is the blob's name below the container.
            return blob.Name;
        }

        throw new NotSupportedException($"The local host cannot bind parameter '{parameter.Name}' ({type.Name}) of blob function '{function.Name}'.");
    }
}
