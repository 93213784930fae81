using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Serverless.UnitTests.Infrastructure;

/// <summary>
/// What `azd up` reads, checked without a subscription: azure.yaml, infra/main.parameters.json and the hooks against
/// the compiled infra/main.bicep (its parameters, outputs and tags).
/// </summary>
public sealed partial class AzdProjectTests
{
    /// <summary>What azd puts in an environment by itself for a resource-group-scoped template.</summary>
    private static readonly string[] SetByAzd =
        ["AZURE_ENV_NAME", "AZURE_LOCATION", "AZURE_SUBSCRIPTION_ID", "AZURE_TENANT_ID", "AZURE_PRINCIPAL_ID", "AZURE_RESOURCE_GROUP"];

    private static string ParametersFile => Path.Combine(RepositoryPaths.Root, "infra", "main.parameters.json");

    [Fact]
    public void AzureYamlHasOneDotnetFunctionServiceWhoseProjectExists()
    {
        var services = YamlDocument.Load("azure.yaml").Mapping("services");

        var name = Assert.Single(services.Keys());
        var service = services.Mapping(name);
        Assert.Equal("dotnet", service.Scalar("language"));
        Assert.Equal("function", service.Scalar("host"));
        Assert.Equal("functions/Serverless.Functions", service.Scalar("project"));
        var project = Path.Combine(RepositoryPaths.Root, service.Scalar("project"));
        Assert.True(File.Exists(Path.Combine(project, "Serverless.Functions.csproj")), $"no project at {project}");
    }

    [Fact]
    public void AzureYamlInfraIsTheBicepModuleOfInfra()
    {
        var infra = YamlDocument.Load("azure.yaml").Mapping("infra");

        Assert.Equal("bicep", infra.Scalar("provider"));
        var folder = Path.Combine(RepositoryPaths.Root, infra.Scalar("path"));
        Assert.Equal(BicepCli.MainTemplate, Path.GetFullPath(Path.Combine(folder, infra.Scalar("module") + ".bicep")));
        // azd reads <module>.parameters.json beside the module; main.bicepparam would shadow it.
        Assert.True(File.Exists(Path.Combine(folder, infra.Scalar("module") + ".parameters.json")));
        Assert.False(File.Exists(Path.Combine(folder, infra.Scalar("module") + ".bicepparam")));
    }

    [Fact]
    public void AzureYamlHooksAreExecutableBashScriptsThatStopAzdWhenTheyFail()
    {
        var hooks = YamlDocument.Load("azure.yaml").Mapping("hooks");

        Assert.Equal(["preprovision", "postdeploy"], hooks.Keys());
        foreach (var name in hooks.Keys())
        {
            var hook = hooks.Mapping(name);
            Assert.Equal("sh", hook.Scalar("shell"));
            Assert.NotEqual("true", hook.ScalarOrNull("continueOnError"));
            var script = Path.Combine(RepositoryPaths.Root, hook.Scalar("run"));
            Assert.Equal(HookScripts.Path(name), Path.GetFullPath(script));
            Assert.StartsWith("#!/usr/bin/env bash\n", File.ReadAllText(script), StringComparison.Ordinal);
            if (!OperatingSystem.IsWindows())
            {
                Assert.True(File.GetUnixFileMode(script).HasFlag(UnixFileMode.UserExecute), $"{script} is not executable");
            }
        }
    }

    [Fact]
    public async Task ParametersFileNamesOnlyParametersMainBicepDeclaresEachFromOneVariable()
    {
        var declared = (await BicepCli.MainTemplateJsonAsync())["parameters"]!.AsObject().Select(p => p.Key).ToList();
        var parameters = JsonNode.Parse(File.ReadAllText(ParametersFile))!["parameters"]!.AsObject();

        Assert.NotEmpty(parameters);
        Assert.All(parameters, parameter =>
        {
            Assert.Contains(parameter.Key, declared);
            // The postdeploy hook fills in exactly these forms, as azd does: ${NAME}, or ${NAME=default} for an optional one.
            Assert.Matches(@"^\$\{[A-Z_]+(=[^}"" ]*)?\}$", parameter.Value!["value"]!.GetValue<string>());
        });
        Assert.Equal(["environmentName", "location", "principalId"], parameters.Select(p => p.Key).Take(3));
    }

    [Fact]
    public void EveryVariableTheParametersFileReadsIsSetByAzdOrMadeByThePreprovisionHook()
    {
        var madeByHook = EnvSetByPreprovision().ToList();

        var read = VariableReference().Matches(File.ReadAllText(ParametersFile)).Where(m => !m.Groups[2].Success).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(["FEEDS_CURSOR_SECRET", "AZURE_PRINCIPAL_TYPE"], madeByHook);
        Assert.All(read, name => Assert.True(SetByAzd.Contains(name) || madeByHook.Contains(name), $"nothing sets {name}"));
    }

    [Fact]
    public async Task EveryAzureVariableTheHooksAndReadmeReadIsAnOutputOrSetByAzd()
    {
        var outputs = (await BicepCli.MainTemplateJsonAsync())["outputs"]!.AsObject().Select(o => o.Key).ToHashSet();
        var madeByHook = EnvSetByPreprovision().ToList();
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));

        var hookNames = HookScripts.Names.SelectMany(name => AzureName().Matches(File.ReadAllText(HookScripts.Path(name))))
            .Select(m => m.Value).Distinct().ToList();
        var readmeNames = AzdEnvGetValue().Matches(readme).Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.Contains("AZURE_FUNCTION_APP_NAME", hookNames);
        Assert.Contains("AZURE_STORAGE_ACCOUNT_NAME", readmeNames);
        Assert.All(hookNames.Concat(readmeNames), name =>
            Assert.True(outputs.Contains(name) || SetByAzd.Contains(name) || madeByHook.Contains(name), $"{name} is read but no output of main.bicep"));
        // The hook's resource group is azd's; main.bicep states it too, for the path without azd.
        Assert.Contains("AZURE_RESOURCE_GROUP", outputs);
        Assert.Contains("AZURE_LOCATION", outputs);
    }

    [Fact]
    public async Task FunctionAppCarriesTheServiceNameOfAzureYamlAndEveryResourceTheEnvironmentName()
    {
        var template = await BicepCli.MainTemplateJsonAsync();
        var service = Assert.Single(YamlDocument.Load("azure.yaml").Mapping("services").Keys());

        Assert.Equal(service, template["variables"]!["serviceName"]!.GetValue<string>());
        var resourceTags = template["variables"]!["resourceTags"]!.GetValue<string>();
        Assert.Contains("'azd-env-name', parameters('environmentName')", resourceTags, StringComparison.Ordinal);
        foreach (var resource in template["resources"]!.AsArray().Select(r => r!.AsObject()))
        {
            var type = resource["type"]!.GetValue<string>();
            var tags = type == "Microsoft.Resources/deployments"
                ? resource["properties"]!["parameters"]!["tags"]?["value"]
                : resource["tags"];
            if (type == "Microsoft.Web/sites")
            {
                Assert.Equal("[union(variables('resourceTags'), createObject('azd-service-name', variables('serviceName')))]", tags!.GetValue<string>());
            }
            else if (type != "Microsoft.Authorization/roleAssignments" && tags is not null)
            {
                Assert.Equal("[variables('resourceTags')]", tags.GetValue<string>());
            }
        }
    }

    [Fact]
    public async Task DeployerGetsBlobDataContributorOnlyWhenPrincipalIdIsSet()
    {
        var template = await BicepCli.MainTemplateJsonAsync();
        var deployer = template["resources"]!.AsArray().Select(r => r!.AsObject())
            .Single(r => r["name"]?.GetValue<string>() == "deployer-blob-role");

        Assert.Equal("ba92f5b4-2d11-453d-a403-e96b0029c9fe", template["variables"]!["roles"]!["storageBlobDataContributor"]!.GetValue<string>());
        Assert.Equal("[not(empty(parameters('principalId')))]", deployer["condition"]!.GetValue<string>());
        var parameters = deployer["properties"]!["parameters"]!;
        Assert.Equal("[parameters('principalId')]", parameters["principalId"]!["value"]!.GetValue<string>());
        Assert.Equal("[parameters('principalType')]", parameters["principalType"]!["value"]!.GetValue<string>());
        Assert.Equal("[variables('roles').storageBlobDataContributor]", parameters["roleDefinitionId"]!["value"]!.GetValue<string>());
        Assert.Equal(string.Empty, template["parameters"]!["principalId"]!["defaultValue"]!.GetValue<string>());
        Assert.False(template["parameters"]!["enableEventGridSubscription"]!["defaultValue"]!.GetValue<bool>());
    }

    private static IEnumerable<string> EnvSetByPreprovision() =>
        AzdEnvSet().Matches(File.ReadAllText(HookScripts.Path("preprovision"))).Select(m => m.Groups[1].Value).Distinct();

    /// <summary>${NAME}, or ${NAME=default} (group 2): a variable nothing needs to set.</summary>
    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)(=[^}]*)?\}")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"\bAZURE_[A-Z_]+\b")]
    private static partial Regex AzureName();

    [GeneratedRegex(@"^\s*azd env set ([A-Z_]+) """, RegexOptions.Multiline)]
    private static partial Regex AzdEnvSet();

    [GeneratedRegex(@"azd env get-value ([A-Z_]+)")]
    private static partial Regex AzdEnvGetValue();
}
