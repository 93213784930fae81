using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using Serverless.UnitTests.Support;

namespace Serverless.UnitTests.Infrastructure;

/// <summary>The Bicep CLI restored from NuGet (Azure.Bicep.CommandLine.linux-x64), run on infra/.</summary>
public static class BicepCli
{
    private const string Package = "azure.bicep.commandline.linux-x64";
    private const string Version = "0.49.2";

    private static readonly Lazy<Task<JsonObject>> CompiledMainTemplate = new(CompileMainTemplateAsync);

    public static string MainTemplate => Path.Combine(RepositoryPaths.Root, "infra", "main.bicep");

    /// <summary>infra/main.bicep built to ARM JSON, once per test run.</summary>
    public static Task<JsonObject> MainTemplateJsonAsync() => CompiledMainTemplate.Value;

    public static string Executable
    {
        get
        {
            var root = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "NuGetPackageRoot").Value!;
            var package = Path.Combine(root, Package, Version);
            var bicep = Directory.EnumerateFiles(package, "bicep", SearchOption.AllDirectories).FirstOrDefault()
                ?? throw new FileNotFoundException($"No bicep executable in {package}; restore the unit test project.");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(bicep, File.GetUnixFileMode(bicep) | UnixFileMode.UserExecute);
            }
            return bicep;
        }
    }

    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string arguments)
    {
        var start = new ProcessStartInfo(Executable, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The CLI would otherwise try to reach the network for telemetry and module restore.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await errors);
    }

    private static async Task<JsonObject> CompileMainTemplateAsync()
    {
        var (exitCode, output, errors) = await RunAsync($"build \"{MainTemplate}\" --stdout");
        Assert.True(exitCode == 0, $"bicep build failed:\n{errors}");
        return JsonNode.Parse(output)!.AsObject();
    }
}
