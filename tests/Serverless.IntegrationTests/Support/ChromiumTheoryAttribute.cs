namespace Serverless.IntegrationTests.Support;

/// <summary>A theory that needs Debian's chromium; scripts/test.sh installs it, elsewhere the test is skipped with the reason.</summary>
public sealed class ChromiumTheoryAttribute : TheoryAttribute
{
    private bool _needsSharedData;

    public ChromiumTheoryAttribute()
    {
        if (Chromium.Executable is null)
        {
            Skip = "chromium is not installed (apt-get install chromium); scripts/test.sh installs it.";
        }
    }

    /// <summary>The test also reads ../shared (the sample story): skipped, with the reason, where it is absent.</summary>
    public bool NeedsSharedData
    {
        get => _needsSharedData;
        set
        {
            _needsSharedData = value;
            if (value && Skip is null && !RepositoryPaths.SharedExists)
            {
                Skip = $"The shared samples and corpus are not at {RepositoryPaths.Shared}.";
            }
        }
    }
}
