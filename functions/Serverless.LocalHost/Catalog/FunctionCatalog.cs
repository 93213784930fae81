using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Serverless.LocalHost.Catalog;

/// <summary>
/// Discovers the app's functions by reflection over the same attributes the Functions SDK turns into
/// <c>functions.metadata</c>, so the local host never restates a route, path or schedule.
/// </summary>
public sealed class FunctionCatalog
{
    public FunctionCatalog(Assembly assembly)
        : this(assembly.GetExportedTypes())
    {
    }

    /// <summary>The functions declared on <paramref name="types"/>.</summary>
    public FunctionCatalog(IEnumerable<Type> types)
    {
        Functions = types
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Select(method => (type, method, function: method.GetCustomAttribute<FunctionAttribute>())))
            .Where(x => x.function is not null)
            .Select(x => Describe(x.type, x.method, x.function!.Name))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The catalog of the function app this host serves.</summary>
    public static FunctionCatalog ForFunctionApp() => new(typeof(Functions.Http.ApiResults).Assembly);

    public IReadOnlyList<FunctionDescriptor> Functions { get; }

    public IEnumerable<FunctionDescriptor> OfKind(TriggerKind kind) => Functions.Where(f => f.Kind == kind);

    private static FunctionDescriptor Describe(Type type, MethodInfo method, string name)
    {
        foreach (var parameter in method.GetParameters())
        {
            if (parameter.GetCustomAttribute<HttpTriggerAttribute>() is { } http)
            {
                return new FunctionDescriptor(name, type, method, TriggerKind.Http, parameter, http);
            }

            if (parameter.GetCustomAttribute<BlobTriggerAttribute>() is { } blob)
            {
                return new FunctionDescriptor(name, type, method, TriggerKind.Blob, parameter, blob);
            }

            if (parameter.GetCustomAttribute<QueueTriggerAttribute>() is { } queue)
            {
                return new FunctionDescriptor(name, type, method, TriggerKind.Queue, parameter, queue);
            }

            if (parameter.GetCustomAttribute<TimerTriggerAttribute>() is { } timer)
            {
                return new FunctionDescriptor(name, type, method, TriggerKind.Timer, parameter, timer);
            }
        }

        throw new NotSupportedException(
            $"Function '{name}' ({type.Name}.{method.Name}) uses a trigger the local host does not serve; add support in Serverless.LocalHost.");
    }
}
