using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Serverless.Domain.Feeds;
using Serverless.Domain.Ingestion;
using Serverless.Domain.Parsing;
using Serverless.Domain.Rescoring;
using Serverless.Domain.Scoring;
using Serverless.Domain.Storage;
using Serverless.Domain.Topics;

namespace Serverless.UnitTests.Infrastructure;

/// <summary>
/// infra/main.bicep, linted with warnings as failures and compiled to ARM JSON, then checked for what the deployment
/// must guarantee: identity-based storage access, no keys, HTTPS and TLS 1.2, blob write access to the app's code for
/// its identity alone, and an app setting for every setting the code reads.
/// </summary>
public sealed partial class BicepTemplateTests
{
    private const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";

    private static readonly Lazy<Task<JsonObject>> Template = new(BicepCli.MainTemplateJsonAsync);

    [Fact]
    public async Task LintReportsNoWarnings()
    {
        var (exitCode, output, errors) = await BicepCli.RunAsync($"lint \"{BicepCli.MainTemplate}\"");

        Assert.True(exitCode == 0, $"bicep lint failed:\n{output}\n{errors}");
        Assert.DoesNotContain("Warning", output + errors, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Error", output + errors, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task StorageAllowsNoPublicBlobsNoSharedKeyAndOnlyTls12OverHttps()
    {
        var account = Single(await Template.Value, "Microsoft.Storage/storageAccounts");
        var properties = account["properties"]!;

        Assert.False(properties["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.False(properties["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.True(properties["supportsHttpsTrafficOnly"]!.GetValue<bool>());
        Assert.Equal("TLS1_2", properties["minimumTlsVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task FunctionAppIsLinuxDotnetIsolatedOnFlexConsumptionWithAUserAssignedIdentity()
    {
        var template = await Template.Value;
        var app = Single(template, "Microsoft.Web/sites");
        var plan = Single(template, "Microsoft.Web/serverfarms");

        Assert.Equal("functionapp,linux", app["kind"]!.GetValue<string>());
        Assert.Equal("UserAssigned", app["identity"]!["type"]!.GetValue<string>());
        Assert.True(app["properties"]!["httpsOnly"]!.GetValue<bool>());
        Assert.Equal("1.2", app["properties"]!["siteConfig"]!["minTlsVersion"]!.GetValue<string>());
        Assert.Equal("Disabled", app["properties"]!["siteConfig"]!["ftpsState"]!.GetValue<string>());
        var runtime = app["properties"]!["functionAppConfig"]!["runtime"]!;
        Assert.Equal("dotnet-isolated", runtime["name"]!.GetValue<string>());
        Assert.Equal("10.0", runtime["version"]!.GetValue<string>());
        Assert.Equal("FlexConsumption", plan["sku"]!["tier"]!.GetValue<string>());
    }

    [Fact]
    public async Task StorageIsReachedByIdentityWithRolesAndNeverByKey()
    {
        var template = await Template.Value;
        var settings = AppSettings(template);
        var json = template.ToJsonString();

        Assert.Contains("AzureWebJobsStorage__accountName", settings.Keys);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Contains("AzureWebJobsStorage__clientId", settings.Keys);
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.DoesNotContain("AccountKey", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("DefaultEndpointsProtocol", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listKeys(resourceId('Microsoft.Storage", json, StringComparison.OrdinalIgnoreCase);
        // Blob Data Owner, Queue Data Contributor and Table Data Contributor, granted to the app's identity on the account.
        var roles = template["variables"]!["roles"]!.AsObject();
        Assert.Equal("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", roles["storageBlobDataOwner"]!.GetValue<string>());
        Assert.Equal("974c5e8b-45b9-4653-ba55-5f855dd0fb88", roles["storageQueueDataContributor"]!.GetValue<string>());
        Assert.Equal("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", roles["storageTableDataContributor"]!.GetValue<string>());
        var storageRoleModule = template["resources"]!.ToJsonString();
        Assert.Contains("storageBlobDataOwner", storageRoleModule, StringComparison.Ordinal);
        Assert.Contains("storageQueueDataContributor", storageRoleModule, StringComparison.Ordinal);
        Assert.Contains("storageTableDataContributor", storageRoleModule, StringComparison.Ordinal);
        Assert.NotEmpty(All(template, "Microsoft.Authorization/roleAssignments"));
    }

    [Fact]
    public async Task UploadersBlobDataContributorIsScopedToTheArticlesContainer()
    {
        var template = await Template.Value;
        var deployer = template["resources"]!.AsArray().Single(r => r!["name"]?.GetValue<string>() == "deployer-blob-role")!;
        var parameters = deployer["properties"]!["parameters"]!;
        var assignment = Single(deployer["properties"]!["template"]!.AsObject(), "Microsoft.Authorization/roleAssignments");
        const string container = "resourceId('Microsoft.Storage/storageAccounts/blobServices/containers', parameters('storageAccountName'), 'default', parameters('containerName'))";

        // Storage Blob Data Contributor for principalId...
        Assert.Equal("[parameters('principalId')]", parameters["principalId"]!["value"]!.GetValue<string>());
        Assert.Equal("[variables('roles').storageBlobDataContributor]", parameters["roleDefinitionId"]!["value"]!.GetValue<string>());
        Assert.Equal(StorageBlobDataContributor, template["variables"]!["roles"]!["storageBlobDataContributor"]!.GetValue<string>());
        Assert.Equal("[parameters('principalId')]", assignment["properties"]!["principalId"]!.GetValue<string>());
        Assert.Equal("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', parameters('roleDefinitionId'))]", assignment["properties"]!["roleDefinitionId"]!.GetValue<string>());
        // ...on one blob container, not the account, with the container in the assignment's name (another container is
        // another assignment, not a conflict with this one)...
        Assert.Equal($"[{container}]", assignment["scope"]!.GetValue<string>());
        Assert.Equal($"[guid({container}, parameters('principalId'), parameters('roleDefinitionId'))]", assignment["name"]!.GetValue<string>());
        // ...the one the blob trigger watches.
        Assert.Equal("[variables('articlesContainer')]", parameters["containerName"]!["value"]!.GetValue<string>());
        Assert.Equal("[variables('articlesContainer')]", AppSettings(template)["ArticlesContainer"]);
    }

    [Fact]
    public async Task OnlyTheAppsIdentityMayWriteBlobsAcrossTheAccountSoNoUploaderCanReplaceTheAppsCode()
    {
        var template = await Template.Value;
        var grants = RoleGrants(template, new Dictionary<string, string>()).ToList();
        var identity = template["resources"]!.AsArray().Single(r => r!["type"]?.GetValue<string>() == "Microsoft.ManagedIdentity/userAssignedIdentities")!;
        var identityId = $"resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', {Unbracket(Resolve(identity["name"]!.GetValue<string>(), template, new Dictionary<string, string>()))})";
        var app = Single(template, "Microsoft.Web/sites");
        var packageContainer = template["variables"]!["deploymentContainer"]!.GetValue<string>();
        bool IsTheAppsIdentity(RoleGrant grant) => grant.Principal.StartsWith($"[reference({identityId}, ", StringComparison.Ordinal) && grant.Principal.EndsWith(").principalId]", StringComparison.Ordinal);

        // The identity is the app's, and the package container is where the app's code is deployed from.
        Assert.Contains(identityId, Resolve(Assert.Single(app["identity"]!["userAssignedIdentities"]!.AsObject()).Key, template, new Dictionary<string, string>()), StringComparison.Ordinal);
        Assert.EndsWith($", '{packageContainer}')]", Resolve(app["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!["value"]!.GetValue<string>(), template, new Dictionary<string, string>()), StringComparison.Ordinal);
        // Every role was read as a literal id: none can slip through the check below as an expression it did not resolve.
        Assert.All(grants, grant => Assert.Matches(RoleId(), grant.Role));
        var blobWriters = grants.Where(g => g.Role.Contains(StorageBlobDataContributor, StringComparison.Ordinal) || g.Role.Contains(StorageBlobDataOwner, StringComparison.Ordinal)).ToList();
        Assert.Contains(blobWriters, g => IsTheAppsIdentity(g) && g.Scope.StartsWith("[resourceId('Microsoft.Storage/storageAccounts', ", StringComparison.Ordinal));
        var others = blobWriters.Where(g => !IsTheAppsIdentity(g)).ToList();
        Assert.All(others, grant =>
        {
            // Neither the account nor the resource group (no scope): one blob container, and not the package's.
            var container = ContainerScope().Match(grant.Scope);
            Assert.True(container.Success, $"blob data write for {grant.Principal} on {grant.Scope}, wider than one container");
            Assert.NotEqual(packageContainer, container.Groups[1].Value);
        });
        Assert.Contains(others, g => g.Principal == "[parameters('principalId')]" && g.Scope.EndsWith(", 'default', 'articles')]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OutputsCarryNoSecrets()
    {
        var outputs = (await Template.Value)["outputs"]!.AsObject();

        Assert.All(outputs, output =>
        {
            Assert.DoesNotContain("key", output.Key, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("connectionstring", output.Key, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("listKeys", output.Value!.ToJsonString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task BlobTriggerGetsEventGridDeliveryWithDeadLettering()
    {
        var template = await Template.Value;
        var topic = Single(template, "Microsoft.EventGrid/systemTopics");
        var subscriptions = All(template, "Microsoft.EventGrid/systemTopics/eventSubscriptions");
        var subscription = Assert.Single(subscriptions, s => s["properties"]!["filter"]!.ToJsonString().Contains("BlobCreated", StringComparison.Ordinal));

        Assert.Equal("Microsoft.Storage.StorageAccounts", topic["properties"]!["topicType"]!.GetValue<string>());
        var properties = subscription["properties"]!;
        Assert.Contains("Microsoft.Storage.BlobCreated", properties["filter"]!["includedEventTypes"]!.ToJsonString());
        Assert.Contains("runtime/webhooks/blobs", properties["destination"]!["properties"]!["endpointUrl"]!.ToString());
        Assert.Contains("Host.Functions.", properties["destination"]!["properties"]!["endpointUrl"]!.ToString());
        Assert.Contains("\"functionName\":{\"value\":\"IngestArticle\"}", template.ToJsonString());
        Assert.NotNull(properties["deadLetterWithResourceIdentity"]);
    }

    [Fact]
    public async Task BlobDeletedEventsGoToTheQueueTheRetractionTriggerReadsFromTheFirstPass()
    {
        var template = await Template.Value;
        var deletions = Assert.Single(
            All(template, "Microsoft.EventGrid/systemTopics/eventSubscriptions"),
            s => s["properties"]!["filter"]!.ToJsonString().Contains("BlobDeleted", StringComparison.Ordinal));
        var properties = deletions["properties"]!;
        var destination = properties["deliveryWithResourceIdentity"]!["destination"]!;

        Assert.Equal("StorageQueue", destination["endpointType"]!.GetValue<string>());
        Assert.Equal("[parameters('deletionsQueue')]", destination["properties"]!["queueName"]!.GetValue<string>());
        Assert.Equal(Serverless.Functions.Withdrawals.RetractDeletedUpload.Queue, template["variables"]!["deletionsQueue"]!.GetValue<string>());
        Assert.NotNull(properties["deadLetterWithResourceIdentity"]);
        // No condition keeps it to the second pass, as the BlobCreated webhook's module has.
        Assert.Null(deletions["condition"]);
    }

    [Fact]
    public async Task EverySettingTheCodeReadsIsAnAppSetting()
    {
        var settings = AppSettings(await Template.Value);

        var missing = SettingsTheCodeReads().Where(name => !settings.ContainsKey(name)).ToList();

        Assert.Empty(missing);
        Assert.Contains(Serverless.Functions.Telemetry.TelemetrySetup.AzureMonitorSetting, settings.Keys);
        Assert.Contains("Authorization=AAD", settings[Serverless.Functions.Telemetry.TelemetrySetup.AzureMonitorAuthenticationSetting], StringComparison.Ordinal);
    }

    /// <summary>Every options property (section__property, or flat for storage names) and every %setting% in a trigger.</summary>
    private static IEnumerable<string> SettingsTheCodeReads()
    {
        var sections = new (Type Type, string? Section)[]
        {
            (typeof(StorageOptions), null),
            (typeof(IngestionOptions), IngestionOptions.SectionName),
            (typeof(ArticleParserOptions), ArticleParserOptions.SectionName),
            (typeof(HeatOptions), HeatOptions.SectionName),
            (typeof(StoryOptions), StoryOptions.SectionName),
            (typeof(RescoreOptions), RescoreOptions.SectionName),
            (typeof(FeedOptions), FeedOptions.SectionName),
            (typeof(TopicOptions), TopicOptions.SectionName),
        };
        foreach (var (type, section) in sections)
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                yield return section is null ? property.Name : $"{section}__{property.Name}";
            }
        }

        foreach (var function in LocalHost.Catalog.FunctionCatalog.ForFunctionApp().Functions)
        {
            var text = function.Trigger switch
            {
                Microsoft.Azure.Functions.Worker.BlobTriggerAttribute blob => blob.BlobPath,
                Microsoft.Azure.Functions.Worker.TimerTriggerAttribute timer => timer.Schedule,
                _ => string.Empty,
            };
            foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(text, "%([^%]+)%"))
            {
                yield return match.Groups[1].Value;
            }
        }
    }

    private static Dictionary<string, string> AppSettings(JsonObject template) =>
        Single(template, "Microsoft.Web/sites")["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
            .ToDictionary(s => s!["name"]!.GetValue<string>(), s => s!["value"]!.ToString());

    private static JsonNode Single(JsonObject template, string type) => Assert.Single(All(template, type));

    /// <summary>Resources of a type anywhere in the template, nested module deployments included.</summary>
    private static List<JsonNode> All(JsonNode node, string type)
    {
        var found = new List<JsonNode>();
        switch (node)
        {
            case JsonObject obj:
                if (obj["type"] is JsonValue t && t.GetValueKind() == System.Text.Json.JsonValueKind.String && t.GetValue<string>() == type && obj["properties"] is not null)
                {
                    found.Add(obj);
                }

                foreach (var (_, child) in obj)
                {
                    if (child is not null)
                    {
                        found.AddRange(All(child, type));
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array.OfType<JsonNode>())
                {
                    found.AddRange(All(child, type));
                }

                break;
        }

        return found;
    }
}
