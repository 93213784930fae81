using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Serverless.LocalHost.Settings;

/// <summary>
/// Reads settings the way <c>func start</c> does: the <c>Values</c> of <c>local.settings.json</c>, overridden by
/// environment variables (<c>AzureWebJobsStorage</c>, <c>ASPNETCORE_URLS</c>, ...). <c>__</c> in a name nests it.
/// </summary>
public static class LocalSettings
{
    public const string FileName = "local.settings.json";

    public static IDictionary<string, string?> ReadValues(string path)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(path))
        {
            return values;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (document.RootElement.TryGetProperty("Values", out var settings) && settings.ValueKind == JsonValueKind.Object)
        {
            foreach (var setting in settings.EnumerateObject())
            {
                values[setting.Name.Replace("__", ":", StringComparison.Ordinal)] =
                    setting.Value.ValueKind == JsonValueKind.String ? setting.Value.GetString() : setting.Value.GetRawText();
            }
        }

        return values;
    }

    /// <summary>Adds local.settings.json then environment variables, in that order of precedence (last wins).</summary>
    public static IConfigurationBuilder AddLocalSettings(this IConfigurationBuilder builder, string path) =>
        builder.AddInMemoryCollection(ReadValues(path)).AddEnvironmentVariables();
}
