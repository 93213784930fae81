#!/usr/bin/env bash
# Uploads article files or folders to the articles container and reports what became of each one.
#   scripts/upload.sh PATH... [--prefix FOLDER] [--api http://localhost:7071/api] [--timeout 120] [--no-wait]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dll="$root/tools/Serverless.Upload/bin/Release/net10.0/Serverless.Upload.dll"
if [ ! -f "$dll" ]; then
  dotnet build "$root/tools/Serverless.Upload" -c Release -nologo -v:q -clp:ErrorsOnly >&2
fi
exec dotnet "$dll" "$@"
