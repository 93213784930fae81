namespace Serverless.UnitTests.Infrastructure;

/// <summary>
/// Stand-ins for the Azure CLI (az) and the Azure Developer CLI (azd), put first on a hook's PATH: each logs its
/// arguments, one call a line, and gives canned answers. `az functionapp keys list` has no blobs_extension key for the
/// first <c>STUB_KEY_MISSING</c> calls (odd ones fail as the host's admin API does while it starts, even ones answer
/// nothing), then a key; `az deployment group create` keeps the parameters file it was given.
/// </summary>
public sealed class StubAzureCli : IDisposable
{
    private const char Separator = '\u001f';

    private const string Az = """
        #!/usr/bin/env bash
        set -euo pipefail
        log="${STUB_LOG:?}"
        { printf 'az\037'; printf '%s\037' "$@"; printf '\n'; } >>"$log/calls"
        case "$1 $2" in
          "functionapp keys")
            n=$(( $(cat "$log/key-calls" 2>/dev/null || echo 0) + 1 ))
            echo "$n" >"$log/key-calls"
            if [ "$n" -le "${STUB_KEY_MISSING:-0}" ]; then
              if [ $((n % 2)) -eq 1 ]; then
                echo "ERROR: Operation returned an invalid status 'Bad Request' (stub call $n)" >&2
                exit 1
              fi
              exit 0
            fi
            echo "stub-blobs-extension-key" ;;
          "deployment group")
            n=$(( $(cat "$log/deployments" 2>/dev/null || echo 0) + 1 ))
            echo "$n" >"$log/deployments"
            for argument in "$@"; do
              case "$argument" in @*) cp "${argument#@}" "$log/parameters-$n.json" ;; esac
            done ;;
          "account show")
            echo "${STUB_ACCOUNT_TYPE:-user}" ;;
        esac
        """;

    private const string Azd = """
        #!/usr/bin/env bash
        set -euo pipefail
        { printf 'azd\037'; printf '%s\037' "$@"; printf '\n'; } >>"${STUB_LOG:?}/calls"
        """;

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("stub-azure-cli-");

    public StubAzureCli()
    {
        Directory.CreateDirectory(Bin);
        Directory.CreateDirectory(Log);
        Write("az", Az);
        Write("azd", Azd);
    }

    private string Bin => Path.Combine(_root.FullName, "bin");

    private string Log => Path.Combine(_root.FullName, "log");

    /// <summary>A hook's whole environment: the stubs first on the PATH, then the system's tools, and <paramref name="variables"/>.</summary>
    public Dictionary<string, string> Environment(IReadOnlyDictionary<string, string> variables)
    {
        var environment = new Dictionary<string, string>(variables)
        {
            ["PATH"] = $"{Bin}:/usr/local/bin:/usr/bin:/bin",
            ["STUB_LOG"] = Log,
            ["HOME"] = _root.FullName,
        };
        return environment;
    }

    /// <summary>Every call so far, as its words: "az" or "azd" first.</summary>
    public IReadOnlyList<string[]> Calls()
    {
        var file = Path.Combine(Log, "calls");
        return File.Exists(file)
            ? File.ReadAllLines(file).Select(line => line.TrimEnd(Separator).Split(Separator)).ToList()
            : [];
    }

    /// <summary>The parameters file the <paramref name="number"/>th deployment was given.</summary>
    public string DeploymentParameters(int number) => File.ReadAllText(Path.Combine(Log, $"parameters-{number}.json"));

    public void Dispose() => _root.Delete(recursive: true);

    private void Write(string name, string script)
    {
        var path = Path.Combine(Bin, name);
        File.WriteAllText(path, script.ReplaceLineEndings("\n") + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
