namespace Serverless.Tests.Shared;

/// <summary>A theory that needs ../shared; skipped, with the reason, where it is absent (a fork's CI, for one).</summary>
public sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    public SharedDataTheoryAttribute()
    {
        if (!RepositoryPaths.SharedExists)
        {
            Skip = $"The shared samples and corpus are not at {RepositoryPaths.Shared}.";
        }
    }
}
