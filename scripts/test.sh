#!/usr/bin/env bash
# Runs every test: installs the pinned Azurite (npm ci), builds, runs the unit and integration test projects
# (the integration tests start their own in-memory Azurite and local host), and ends with "N passed, N failed".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
config="${CONFIGURATION:-Release}"
results="$root/.artifacts/test-results"
mkdir -p "$results"

command -v dotnet >/dev/null || { echo "dotnet (.NET SDK 10) is required: https://dot.net" >&2; exit 1; }
command -v npm >/dev/null || { echo "npm (Node.js 20+) is required to install Azurite" >&2; exit 1; }

scripts/npm-install.sh || { echo "npm ci failed: is the npm registry reachable?" >&2; exit 1; }

if ! command -v chromium >/dev/null 2>&1; then
  # The front-page browser test uses Debian's headless Chromium; without it that one test is skipped.
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> Installing chromium (apt-get)"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >/dev/null 2>&1 \
      || echo "warning: could not install chromium; the browser test will be skipped" >&2
  else
    echo "warning: chromium is not installed (apt-get install chromium); the browser test will be skipped" >&2
  fi
fi

if ! /usr/bin/python3 -c "import feedparser" >/dev/null 2>&1; then
  # The feed tests read feeds back with Python's feedparser, a parser independent of the one that wrote them.
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> Installing python3-feedparser (apt-get)"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-feedparser; } >/dev/null 2>&1 \
      || echo "warning: could not install python3-feedparser; the feed parser tests will fail" >&2
  else
    echo "warning: python3-feedparser is not installed (apt-get install python3-feedparser); the feed parser tests will fail" >&2
  fi
fi

if ! command -v shellcheck >/dev/null 2>&1; then
  # The azd hook tests lint infra/hooks with Debian's shellcheck; without it that one test is skipped.
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> Installing shellcheck (apt-get)"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq shellcheck; } >/dev/null 2>&1 \
      || echo "warning: could not install shellcheck; the hook lint test will be skipped" >&2
  else
    echo "warning: shellcheck is not installed (apt-get install shellcheck); the hook lint test will be skipped" >&2
  fi
fi

echo "==> Building ($config)"
dotnet build Serverless.sln -c "$config" -nologo -v:q -clp:ErrorsOnly || { echo "Build failed" >&2; exit 1; }

passed=0; failed=0; status=0
for project in tests/Serverless.UnitTests tests/Serverless.IntegrationTests; do
  name="$(basename "$project")"
  echo "==> $name"
  log="$results/$name.log"
  dotnet test "$project" -c "$config" --no-build -nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results" 2>&1 | tee "$log"
  code=${PIPESTATUS[0]}
  line="$(grep -E '(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+' "$log" | tail -1)"
  if [ -z "$line" ]; then
    echo "$name: no test summary (exit code $code)" >&2
    failed=$((failed + 1)); status=1; continue
  fi
  p="$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$line")"
  f="$(sed -E 's/.*Failed: +([0-9]+), Passed.*/\1/' <<<"$line")"
  passed=$((passed + p)); failed=$((failed + f))
  [ "$code" -ne 0 ] && status=1
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
