using System.Diagnostics;
using System.Text.Json;

namespace Serverless.IntegrationTests.Support;

/// <summary>
/// Python's feedparser (Debian's python3-feedparser), an independent parser of RSS, Atom and JSON feeds: what it makes
/// of a feed this service wrote, as JSON (version, entries with id, title, link, published and links).
/// </summary>
public static class FeedParser
{
    private const string Script = """
        import feedparser, json, sys
        d = feedparser.parse(sys.stdin.buffer.read(), response_headers={"content-type": sys.argv[1]})
        print(json.dumps({
            "version": d.get("version", ""),
            "bozo": bool(d.get("bozo")),
            "entries": [{
                "id": e.get("id"), "title": e.get("title"), "link": e.get("link"), "published": e.get("published"),
                "links": [{"rel": l.get("rel"), "href": l.get("href")} for l in e.get("links", [])],
            } for e in d.entries],
        }))
        """;

    /// <param name="contentType">What the service sent it as: feedparser picks its JSON or XML parser by it.</param>
    public static async Task<JsonElement> ParseAsync(string feed, string contentType)
    {
        Assert.True(File.Exists("/usr/bin/python3"), "python3 is not installed: apt-get install python3-feedparser (scripts/test.sh does).");
        var start = new ProcessStartInfo("/usr/bin/python3", ["-c", Script, contentType]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(feed);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"feedparser failed (apt-get install python3-feedparser; scripts/test.sh does): {await errors}");
        return JsonDocument.Parse(await output).RootElement;
    }
}
