#!/usr/bin/env bash
# Installs the pinned tools from package-lock.json (npm ci), skipping the reinstall when they are already current.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
stamp="node_modules/.package-lock.json"
if [ -x node_modules/.bin/azurite ] && [ -f "$stamp" ] && [ "$stamp" -nt package-lock.json ]; then
  exit 0
fi
echo "==> Installing Azurite (npm ci)"
npm ci --no-audit --no-fund --loglevel=error
