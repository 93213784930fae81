using System.Reflection.Emit;
using Microsoft.Azure.WebJobs;
using Serverless.LocalHost.Catalog;
using WorkerQueueTrigger = Microsoft.Azure.Functions.Worker.QueueTriggerAttribute;

namespace Serverless.LocalHost.Queues;

/// <summary>
/// Generates one WebJobs job class per queue-triggered function (see <see cref="AdapterTypeBuilder"/>), its
/// <c>[QueueTrigger]</c> built from the worker function's own attribute, so the WebJobs queue listener (poll,
/// visibility timeout, five tries, then the poison queue) runs it as the Functions host does.
/// </summary>
public static class QueueAdapterFactory
{
    public static IReadOnlyList<Type> CreateAdapterTypes(IEnumerable<FunctionDescriptor> queueFunctions)
    {
        var builder = new AdapterTypeBuilder("Serverless.LocalHost.GeneratedQueues");
        var connection = typeof(QueueTriggerAttribute).GetProperty(nameof(QueueTriggerAttribute.Connection))!;
        return [.. queueFunctions.Select(function =>
        {
            var trigger = (WorkerQueueTrigger)function.Trigger;
            var attribute = new CustomAttributeBuilder(
                typeof(QueueTriggerAttribute).GetConstructor([typeof(string)])!,
                [trigger.QueueName],
                [connection],
                [trigger.Connection ?? "AzureWebJobsStorage"]);
            return builder.Define(function.Name, typeof(QueueTriggerAdapter), typeof(QueueFunctionDispatcher), typeof(string), attribute);
        })];
    }
}
