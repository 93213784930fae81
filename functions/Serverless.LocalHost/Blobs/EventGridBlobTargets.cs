using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Serverless.Domain.Storage;
using Serverless.LocalHost.Catalog;
using WorkerBlobTrigger = Microsoft.Azure.Functions.Worker.BlobTriggerAttribute;
using WorkerBlobTriggerSource = Microsoft.Azure.Functions.Worker.BlobTriggerSource;

namespace Serverless.LocalHost.Blobs;

/// <summary>
/// The app's blob functions with the Event Grid source, by the name the Functions host's blob webhook takes
/// (<c>functionName=Host.Functions.{Name}</c>). Under the real host such a trigger never polls: only a BlobCreated
/// event POSTed to that webhook fires it.
/// </summary>
public sealed partial class EventGridBlobTargets
{
    public const string FunctionIdPrefix = "Host.Functions.";

    /// <summary>Whether the local host also polls these functions' containers (default true: a safety net func start lacks).</summary>
    public const string PollSetting = "LocalHost:PollEventGridBlobs";

    private readonly Dictionary<string, EventGridBlobTarget> _targets;

    public EventGridBlobTargets(FunctionCatalog catalog, IConfiguration configuration)
    {
        _targets = catalog.OfKind(TriggerKind.Blob)
            .Where(IsEventGridTrigger)
            .Select(function => Describe(function, configuration))
            .ToDictionary(target => target.FunctionId, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<EventGridBlobTarget> All => _targets.Values;

    public static bool IsEventGridTrigger(FunctionDescriptor function) =>
        function.Trigger is WorkerBlobTrigger { Source: WorkerBlobTriggerSource.EventGrid };

    /// <summary>The function <paramref name="functionId"/> (<c>Host.Functions.{Name}</c>) names, if it is one of these.</summary>
    public bool TryGet(string functionId, [NotNullWhen(true)] out EventGridBlobTarget? target) =>
        _targets.TryGetValue(functionId, out target);

    private static EventGridBlobTarget Describe(FunctionDescriptor function, IConfiguration configuration)
    {
        var trigger = (WorkerBlobTrigger)function.Trigger;
        var path = SettingReference().Replace(trigger.BlobPath, match =>
            configuration[match.Groups[1].Value] is { Length: > 0 } value
                ? value
                : throw new InvalidOperationException(
                    $"Blob function '{function.Name}' watches '{trigger.BlobPath}', but the setting '{match.Groups[1].Value}' is not set."));
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        var container = slash < 0 ? path : path[..slash];
        var pattern = slash < 0 ? string.Empty : path[(slash + 1)..];
        var brace = pattern.IndexOf('{', StringComparison.Ordinal);
        var prefix = brace < 0 ? pattern : pattern[..brace];
        var blobs = new StorageClientFactory(configuration, trigger.Connection ?? StorageOptions.ConnectionName).CreateBlobServiceClient();
        return new EventGridBlobTarget(function, blobs.GetBlobContainerClient(container), prefix);
    }

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex SettingReference();
}
