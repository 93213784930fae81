using System.Diagnostics;

namespace Serverless.IntegrationTests.Support;

/// <summary>Debian's headless Chromium, driven from the command line: the DOM after rendering, and a screenshot.</summary>
public static class Chromium
{
    public static string? Executable => new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    public static async Task<string> DumpDomAsync(Uri url, int width, int height) =>
        await RunAsync($"--window-size={width},{height} --dump-dom \"{url}\"");

    public static async Task ScreenshotAsync(Uri url, string path, int width, int height) =>
        await RunAsync($"--window-size={width},{height} --hide-scrollbars --screenshot=\"{path}\" \"{url}\"");

    private static async Task<string> RunAsync(string arguments)
    {
        var profile = Directory.CreateTempSubdirectory("chromium-profile-");
        try
        {
            var start = new ProcessStartInfo(Executable!,
                "--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update " +
                $"--disable-sync --disable-dev-shm-usage --user-data-dir=\"{profile.FullName}\" {arguments}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"chromium exited with {process.ExitCode}: {await errors}");
            }

            return await output;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
