namespace Serverless.IntegrationTests.Support;

/// <summary>A fact that needs Debian's chromium; scripts/test.sh installs it, elsewhere the test is skipped with the reason.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Executable is null)
        {
            Skip = "chromium is not installed (apt-get install chromium); scripts/test.sh installs it.";
        }
    }
}
