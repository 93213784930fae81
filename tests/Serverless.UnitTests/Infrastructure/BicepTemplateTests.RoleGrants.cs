using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Serverless.UnitTests.Infrastructure;

// Role assignments of the compiled template and its modules, with every expression resolved to literal text.
public sealed partial class BicepTemplateTests
{
    /// <summary>A role assignment as deployed: its role definition, principal and scope, each resolved by <see cref="Resolve"/>.</summary>
    private sealed record RoleGrant(string Role, string Principal, string Scope);

    /// <summary>
    /// Every role assignment of a template and of its modules, <paramref name="passed"/> being what the enclosing module
    /// gives the template's parameters. An assignment without a scope is on the resource group.
    /// </summary>
    private static IEnumerable<RoleGrant> RoleGrants(JsonObject template, IReadOnlyDictionary<string, string> passed)
    {
        foreach (var resource in template["resources"]!.AsArray().OfType<JsonObject>())
        {
            if (resource["properties"] is not JsonObject properties)
            {
                continue;
            }

            switch (resource["type"]!.GetValue<string>())
            {
                case "Microsoft.Authorization/roleAssignments":
                    yield return new RoleGrant(
                        Resolve(properties["roleDefinitionId"]!.GetValue<string>(), template, passed),
                        Resolve(properties["principalId"]!.GetValue<string>(), template, passed),
                        Resolve(resource["scope"]?.GetValue<string>() ?? "[resourceGroup().id]", template, passed));
                    break;
                case "Microsoft.Resources/deployments" when properties["template"] is JsonObject nested:
                    var parameters = (properties["parameters"] as JsonObject ?? new JsonObject())
                        .Where(p => p.Value!["value"] is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String)
                        .ToDictionary(p => p.Key, p => Unbracket(Resolve(p.Value!["value"]!.GetValue<string>(), template, passed)));
                    foreach (var grant in RoleGrants(nested, parameters))
                    {
                        yield return grant;
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// An ARM expression of <paramref name="template"/> with its variables replaced by their values and its parameters by
    /// what the enclosing module passes (<paramref name="passed"/>; a parameter of the main template stays as it is).
    /// </summary>
    private static string Resolve(string expression, JsonObject template, IReadOnlyDictionary<string, string> passed)
    {
        var variables = template["variables"] as JsonObject;

        string Variables(string text) => VariableReference().Replace(text, match =>
        {
            var value = variables?[match.Groups[1].Value];
            if (match.Groups[2].Success)
            {
                value = (value as JsonObject)?[match.Groups[2].Value];
            }

            return value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? Variables(Unbracket(v.GetValue<string>())) : match.Value;
        });

        return ParameterReference().Replace(Variables(expression), match => passed.TryGetValue(match.Groups[1].Value, out var value) ? value : match.Value);
    }

    /// <summary>A template value as a term of an expression: an expression without its brackets, a literal quoted.</summary>
    private static string Unbracket(string value) =>
        value.StartsWith('[') && value.EndsWith(']') ? value[1..^1] : $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";

    [GeneratedRegex(@"variables\('(\w+)'\)(?:\.(\w+))?")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"parameters\('(\w+)'\)")]
    private static partial Regex ParameterReference();

    [GeneratedRegex(@"'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'")]
    private static partial Regex RoleId();

    /// <summary>One blob container (group 1: its name) of a storage account.</summary>
    [GeneratedRegex(@"^\[resourceId\('Microsoft\.Storage/storageAccounts/blobServices/containers', .+, 'default', '([^']+)'\)\]$")]
    private static partial Regex ContainerScope();
}
