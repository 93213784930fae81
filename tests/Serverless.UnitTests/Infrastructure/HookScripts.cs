namespace Serverless.UnitTests.Infrastructure;

/// <summary>The azd hooks of azure.yaml, infra/hooks/&lt;name&gt;.sh.</summary>
public static class HookScripts
{
    public static IReadOnlyList<string> Names { get; } = ["preprovision", "postdeploy"];

    public static string Path(string name) => System.IO.Path.Combine(RepositoryPaths.Root, "infra", "hooks", name + ".sh");
}
