using System.Text.Json.Nodes;
using Microsoft.Azure.WebJobs.Host;

namespace Serverless.LocalHost;

/// <summary>Applies host.json's <c>extensions.queues</c> section to the WebJobs queue extension, as the Functions host does.</summary>
public static class LocalHostQueueOptions
{
    public static void Apply(QueuesOptions options, string hostJsonPath)
    {
        if (!File.Exists(hostJsonPath))
        {
            return;
        }

        var queues = JsonNode.Parse(File.ReadAllText(hostJsonPath))?["extensions"]?["queues"];
        if (queues?["maxPollingInterval"]?.GetValue<string>() is { } interval)
        {
            options.MaxPollingInterval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (queues?["maxDequeueCount"]?.GetValue<int>() is { } dequeues)
        {
            options.MaxDequeueCount = dequeues;
        }
    }
}
