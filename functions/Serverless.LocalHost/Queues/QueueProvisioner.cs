using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Serverless.LocalHost.Catalog;
using WorkerQueueTrigger = Microsoft.Azure.Functions.Worker.QueueTriggerAttribute;

namespace Serverless.LocalHost.Queues;

/// <summary>
/// Creates the queues the app's queue triggers read, before their listener starts. In Azure the Bicep creates them;
/// locally nothing else would, and the listener would log a 404 every poll. Only connection strings are handled
/// (what the local host runs against); an identity-based connection is left to the deployment.
/// </summary>
public static class QueueProvisioner
{
    public static async Task EnsureCreatedAsync(FunctionCatalog catalog, IConfiguration configuration, CancellationToken cancellationToken)
    {
        foreach (var trigger in catalog.OfKind(TriggerKind.Queue).Select(f => (WorkerQueueTrigger)f.Trigger))
        {
            if (configuration[trigger.Connection ?? "AzureWebJobsStorage"] is { Length: > 0 } connection)
            {
                await new QueueClient(connection, trigger.QueueName).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            }
        }
    }
}
