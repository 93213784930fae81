#!/usr/bin/env bash
# Copies the demo articles (demo/articles) into DIR, dated relative to now:
#   scripts/demo-articles.sh DIR
# The files are dated 2026-11-21..24; a fixed date would read as cold a week later. Each timestamp in a file is moved
# by (now - anchor), so the files keep their spacing and the newest reads as a couple of hours old.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${1:?usage: scripts/demo-articles.sh DIR}"
anchor_text="2026-11-24T16:00:00Z"
now=$(date -u +%s)
anchor=$(date -u -d "$anchor_text" +%s)
mkdir -p "$target"
cp -r "$root/demo/articles/." "$target/"
while IFS= read -r -d '' file; do
  while IFS= read -r ts; do
    moved=$(date -u -d "@$((now - anchor + $(date -u -d "$ts" +%s)))" +%Y-%m-%dT%H:%M:%SZ)
    sed -i "s/$ts/$moved/g" "$file"
  done < <(grep -oE '20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z' "$file" | sort -u)
done < <(find "$target" -type f -print0)
