using System.Text.Json.Nodes;

namespace Serverless.UnitTests.Infrastructure;

/// <summary>
/// The azd hooks (infra/hooks), linted and run against a stub az and azd on the PATH: the calls they make, the
/// retry while the host has no blobs_extension key, the parameters of the second deployment, and the clear failures.
/// </summary>
public sealed class HookScriptTests
{
    private static readonly Dictionary<string, string> AzdEnvironment = new()
    {
        ["AZURE_ENV_NAME"] = "news-test",
        ["AZURE_LOCATION"] = "swedencentral",
        ["AZURE_SUBSCRIPTION_ID"] = "00000000-0000-0000-0000-000000000001",
        ["AZURE_PRINCIPAL_ID"] = "11111111-2222-3333-4444-555555555555",
        ["AZURE_PRINCIPAL_TYPE"] = "User",
        ["FEEDS_CURSOR_SECRET"] = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        ["AZURE_RESOURCE_GROUP"] = "rg-news-test",
        ["AZURE_FUNCTION_APP_NAME"] = "newspipe-func-abc123",
        ["POSTDEPLOY_KEY_INTERVAL_SECONDS"] = "0",
    };

    [ToolFact("bash", "a POSIX system with bash")]
    public async Task HooksParseWithBashN()
    {
        foreach (var name in HookScripts.Names)
        {
            var result = await CommandLine.RunAsync("bash", ["-n", HookScripts.Path(name)]);
            Assert.True(result.ExitCode == 0, $"{name}: {result}");
        }
    }

    [ToolFact("shellcheck", "apt-get install shellcheck; scripts/test.sh installs it")]
    public async Task HooksPassShellcheck()
    {
        var result = await CommandLine.RunAsync("shellcheck", ["--shell=bash", .. HookScripts.Names.Select(HookScripts.Path)]);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [ToolFact("bash", "a POSIX system with bash")]
    public async Task PostdeployRetriesUntilTheKeyExistsThenDeploysTheSameBicepWithTheSubscription()
    {
        using var stub = new StubAzureCli();
        var variables = With(("STUB_KEY_MISSING", "3"), ("POSTDEPLOY_KEY_ATTEMPTS", "5"));

        var result = await RunHookAsync("postdeploy", stub, variables);

        Assert.True(result.ExitCode == 0, result.ToString());
        var calls = stub.Calls();
        Assert.Equal(5, calls.Count);
        Assert.All(calls.Take(4), call => Assert.Equal(
            ["az", "functionapp", "keys", "list", "--resource-group", "rg-news-test", "--name", "newspipe-func-abc123",
                "--query", "systemKeys.blobs_extension", "--output", "tsv"], call));
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Contains($"no blobs_extension key yet (try {attempt} of 5)", result.Output, StringComparison.Ordinal);
        }

        var deploy = calls[4];
        Assert.Equal(["az", "deployment", "group", "create"], deploy.Take(4));
        Assert.Equal("rg-news-test", Option(deploy, "--resource-group"));
        Assert.Equal("event-grid-news-test", Option(deploy, "--name"));
        Assert.Equal(BicepCli.MainTemplate, Option(deploy, "--template-file"));
        Assert.Equal(["@", "enableEventGridSubscription=true"], Options(deploy, "--parameters").Select(p => p.StartsWith('@') ? "@" : p));
        Assert.DoesNotContain("stub-blobs-extension-key", result.Output + result.Errors, StringComparison.Ordinal);
    }

    [ToolFact("bash", "a POSIX system with bash")]
    public async Task PostdeployPassesTheParametersFileFilledInFromTheAzdEnvironment()
    {
        using var stub = new StubAzureCli();

        var result = await RunHookAsync("postdeploy", stub, AzdEnvironment);

        Assert.True(result.ExitCode == 0, result.ToString());
        var filledIn = JsonNode.Parse(stub.DeploymentParameters(1))!["parameters"]!.AsObject();
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "infra", "main.parameters.json")))!["parameters"]!.AsObject();
        Assert.Equal(file.Select(p => p.Key), filledIn.Select(p => p.Key));
        foreach (var (name, parameter) in file)
        {
            // ${NAME} or ${NAME=default}: an unset optional variable takes its default, as under azd.
            var variable = parameter!["value"]!.GetValue<string>().Trim('$', '{', '}').Split('=');
            var expected = AzdEnvironment.TryGetValue(variable[0], out var value) ? value : variable[1];
            Assert.Equal(expected, filledIn[name]!["value"]!.GetValue<string>());
        }
    }

    [ToolFact("bash", "a POSIX system with bash")]
    public async Task PostdeployPassesAnOptionalVariableWhenTheEnvironmentSetsIt()
    {
        using var stub = new StubAzureCli();
        var environment = new Dictionary<string, string>(AzdEnvironment) { ["FEEDS_PUBLIC_BASE_URL"] = "https://news.example.com" };

        var result = await RunHookAsync("postdeploy", stub, environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        var filledIn = JsonNode.Parse(stub.DeploymentParameters(1))!["parameters"]!.AsObject();
        Assert.Equal("https://news.example.com", filledIn["feedsPublicBaseUrl"]!["value"]!.GetValue<string>());
    }

    [ToolFact("bash", "a POSIX system with bash")]
    public async Task PostdeployRunTwiceDeploysTheSameTemplateWithTheSameValues()
    {
        using var stub = new StubAzureCli();

        var first = await RunHookAsync("postdeploy", stub, AzdEnvironment);
        var second = await RunHookAsync("postdeploy", stub, AzdEnvironment);

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, $"{first}\n{second}");
        var deployments = stub.Calls().Where(c => c[1] == "deployment").ToList();
        Assert.Equal(2, deployments.Count);
        Assert.Equal(Without(deployments[0], '@'), Without(deployments[1], '@'));
        Assert.Equal(stub.DeploymentParameters(1), stub.DeploymentParameters(2));
    }

    [ToolFact("bash", "a POSIX system with bash")]
    public async Task PostdeployGivesUpAfterTheAttemptsWithTheLastErrorAndDeploysNothing()
    {
        using var stub = new StubAzureCli();
        var variables = With(("STUB_KEY_MISSING", "100"), ("POSTDEPLOY_KEY_ATTEMPTS", "3"));

        var result = await RunHookAsync("postdeploy", stub, variables);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(3, stub.Calls().Count);
        Assert.All(stub.Calls(), call => Assert.Equal("functionapp", call[1]));
        Assert.Contains("has no blobs_extension key after 3 tries", result.Errors, StringComparison.Ordinal);
        Assert.Contains("stub call 3", result.Errors, StringComparison.Ordinal);
        Assert.Contains("azd deploy", result.Errors, StringComparison.Ordinal);
    }

    [ToolFact("bash", "a POSIX system with bash")]
    public async Task PostdeployWithoutAnOutputOrAParameterVariableSaysWhichAndCallsNothing()
    {
        foreach (var missing in new[] { "AZURE_FUNCTION_APP_NAME", "AZURE_RESOURCE_GROUP", "FEEDS_CURSOR_SECRET", "AZURE_LOCATION" })
        {
            using var stub = new StubAzureCli();
            var variables = AzdEnvironment.Where(v => v.Key != missing).ToDictionary();

            var result = await RunHookAsync("postdeploy", stub, variables);

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains($"{missing} is not set", result.Errors, StringComparison.Ordinal);
            Assert.Empty(stub.Calls());
        }
    }

    [ToolFact("bash", "a POSIX system with bash")]
    public async Task PostdeployRefusesAnAttemptCountThatIsNotANumber()
    {
        using var stub = new StubAzureCli();

        var result = await RunHookAsync("postdeploy", stub, With(("POSTDEPLOY_KEY_ATTEMPTS", "ten")));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("POSTDEPLOY_KEY_ATTEMPTS must be a positive whole number", result.Errors, StringComparison.Ordinal);
        Assert.Empty(stub.Calls());
    }

    [ToolFact("bash", "a POSIX system with bash")]
    public async Task PreprovisionMakesTheCursorSecretAndPrincipalTypeOnceAndKeepsThemAfter()
    {
        using var stub = new StubAzureCli();
        var fresh = AzdEnvironment.Where(v => v.Key is not "FEEDS_CURSOR_SECRET" and not "AZURE_PRINCIPAL_TYPE").ToDictionary();
        fresh["STUB_ACCOUNT_TYPE"] = "servicePrincipal";

        var made = await RunHookAsync("preprovision", stub, fresh);

        Assert.True(made.ExitCode == 0, made.ToString());
        var sets = stub.Calls().Where(c => c[0] == "azd").ToList();
        Assert.Equal(2, sets.Count);
        Assert.Equal(["azd", "env", "set", "FEEDS_CURSOR_SECRET"], sets[0].Take(4));
        Assert.Matches("^[0-9a-f]{64}$", sets[0][4]);
        Assert.Equal(["azd", "env", "set", "AZURE_PRINCIPAL_TYPE", "ServicePrincipal"], sets[1]);
        Assert.DoesNotContain(sets[0][4], made.Output, StringComparison.Ordinal);

        using var again = new StubAzureCli();
        var kept = await RunHookAsync("preprovision", again, AzdEnvironment);

        Assert.True(kept.ExitCode == 0, kept.ToString());
        Assert.Empty(again.Calls());
    }

    private static Dictionary<string, string> With(params (string Name, string Value)[] extra)
    {
        var variables = new Dictionary<string, string>(AzdEnvironment);
        foreach (var (name, value) in extra)
        {
            variables[name] = value;
        }

        return variables;
    }

    private static Task<CommandResult> RunHookAsync(string name, StubAzureCli stub, IReadOnlyDictionary<string, string> variables) =>
        CommandLine.RunAsync(CommandLine.Find("bash")!, [HookScripts.Path(name)], stub.Environment(variables));

    private static string Option(string[] call, string option) => Assert.Single(Options(call, option));

    private static IEnumerable<string> Options(string[] call, string option) =>
        call.Select((word, index) => (word, index)).Where(w => w.word == option).Select(w => call[w.index + 1]);

    /// <summary>The call without its temporary file names (words that start with <paramref name="prefix"/>).</summary>
    private static string[] Without(string[] call, char prefix) => call.Where(word => !word.StartsWith(prefix)).ToArray();
}
