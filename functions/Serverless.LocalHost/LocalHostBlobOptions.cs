using System.Text.Json.Nodes;
using Microsoft.Azure.WebJobs.Host;

namespace Serverless.LocalHost;

/// <summary>Applies host.json's <c>extensions.blobs</c> section to the WebJobs blob extension, as the Functions host does.</summary>
public static class LocalHostBlobOptions
{
    public static void Apply(BlobsOptions options, string hostJsonPath)
    {
        if (!File.Exists(hostJsonPath))
        {
            return;
        }

        var blobs = JsonNode.Parse(File.ReadAllText(hostJsonPath))?["extensions"]?["blobs"];
        if (blobs?["maxDegreeOfParallelism"]?.GetValue<int>() is { } parallelism)
        {
            options.MaxDegreeOfParallelism = parallelism;
        }

        if (blobs?["poisonBlobThreshold"]?.GetValue<int>() is { } threshold)
        {
            options.PoisonBlobThreshold = threshold;
        }
    }
}
