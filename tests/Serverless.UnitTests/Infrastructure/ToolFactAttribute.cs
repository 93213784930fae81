namespace Serverless.UnitTests.Infrastructure;

/// <summary>
/// A fact that needs a program on the PATH (and, optionally, a file of the repository such as an npm tool); skipped,
/// with what to install, where it is missing. scripts/test.sh installs shellcheck and the npm tools.
/// </summary>
public sealed class ToolFactAttribute : FactAttribute
{
    public ToolFactAttribute(string command, string install, string? repositoryFile = null)
    {
        if (CommandLine.Find(command) is null)
        {
            Skip = $"{command} is not on the PATH ({install}).";
        }
        else if (repositoryFile is not null && !File.Exists(Path.Combine(RepositoryPaths.Root, repositoryFile)))
        {
            Skip = $"{repositoryFile} is missing ({install}).";
        }
    }
}
