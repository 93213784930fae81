namespace Serverless.Tests.Shared;

/// <summary>A fact that needs ../shared; skipped, with the reason, where it is absent (CI always has it).</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute()
    {
        if (!RepositoryPaths.SharedExists)
        {
            Skip = $"The shared samples and corpus are not at {RepositoryPaths.Shared}.";
        }
    }
}
