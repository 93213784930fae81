using Microsoft.Azure.WebJobs;

namespace Serverless.LocalHost.Blobs;

/// <summary>Points the WebJobs SDK at the generated job classes only.</summary>
public sealed class GeneratedTypeLocator : ITypeLocator
{
    private readonly IReadOnlyList<Type> _types;

    public GeneratedTypeLocator(IReadOnlyList<Type> types)
    {
        _types = types;
    }

    public IReadOnlyList<Type> GetTypes() => _types;
}
