#!/usr/bin/env bash
# Sets up and runs the whole pipeline locally: installs Azurite (npm ci), builds, starts Azurite (data kept in
# .azurite/) and the local host on http://localhost:7071, uploads the demo articles, and prints the URLs to open.
# Ctrl+C stops the local host and Azurite.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export AzureWebJobsStorage="${AzureWebJobsStorage:-UseDevelopmentStorage=true}"
urls="${ASPNETCORE_URLS:-http://localhost:7071}"
api="${urls%%;*}/api"

command -v dotnet >/dev/null || { echo "dotnet (.NET SDK 10) is required: https://dot.net" >&2; exit 1; }
command -v npm >/dev/null || { echo "npm (Node.js 20+) is required to install Azurite" >&2; exit 1; }

scripts/npm-install.sh

echo "==> Building"
dotnet build functions/Serverless.LocalHost -c Release -nologo -v:q -clp:ErrorsOnly
dotnet build tools/Serverless.Upload -c Release -nologo -v:q -clp:ErrorsOnly

echo "==> Starting Azurite"
scripts/azurite.sh start

host_pid=""
cleanup() {
  trap - EXIT INT TERM
  if [ -n "$host_pid" ] && kill -0 "$host_pid" 2>/dev/null; then
    kill "$host_pid" 2>/dev/null || true
    wait "$host_pid" 2>/dev/null || true
  fi
  scripts/azurite.sh stop || true
}
trap cleanup EXIT INT TERM

echo "==> Starting the local host on $urls"
(cd functions/Serverless.LocalHost/bin/Release/net10.0 && ASPNETCORE_URLS="$urls" exec dotnet Serverless.LocalHost.dll) &
host_pid=$!
port="${urls##*:}"; port="${port%%/*}"
for _ in $(seq 1 150); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    break
  fi
  kill -0 "$host_pid" 2>/dev/null || { echo "The local host exited; see the messages above." >&2; exit 1; }
  sleep 0.2
done

# The demo articles, dated relative to now, so the front page reads hot whenever it runs.
demo_dir="$(mktemp -d)"
scripts/demo-articles.sh "$demo_dir"

echo "==> Uploading the demo articles (demo/articles, dated relative to now)"
dotnet tools/Serverless.Upload/bin/Release/net10.0/Serverless.Upload.dll "$demo_dir" --prefix demo --api "$api" --rescore || true
rm -rf "$demo_dir"

cat <<MSG

The pipeline is running. Open:
  Front page        ${urls%%;*}/api/front
  Topics            $api/topics
  A topic feed      $api/topics/ai/feed          (also ?format=rss, atom, jsonfeed)
  Upload status     $api/ingest/status?blob=demo/2026/11/hospital-triage.md
  OpenAPI           $api/openapi.json

Upload your own files:  scripts/upload.sh PATH...   (a file or a folder)
Press Ctrl+C to stop.
MSG
wait "$host_pid"
