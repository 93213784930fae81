#!/usr/bin/env bash
# Starts or stops the pinned Azurite (package.json) on 127.0.0.1.
#   scripts/azurite.sh start [--memory] [--data DIR]   start (persistent data in .azurite/ unless --memory) and wait until it accepts connections
#   scripts/azurite.sh stop                            stop the Azurite this script started (by its PID)
#   scripts/azurite.sh status
# Ports: AZURITE_BLOB_PORT (10000), AZURITE_QUEUE_PORT (10001), AZURITE_TABLE_PORT (10002).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
state="$root/.azurite"
pidfile="$state/azurite.pid"
blob_port="${AZURITE_BLOB_PORT:-10000}"
queue_port="${AZURITE_QUEUE_PORT:-10001}"
table_port="${AZURITE_TABLE_PORT:-10002}"

ensure_installed() {
  "$root/scripts/npm-install.sh"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
  local memory=0 data="$state/data"
  while [ $# -gt 0 ]; do
    case "$1" in
      --memory) memory=1 ;;
      --data) data="$2"; shift ;;
      *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
  done
  ensure_installed
  mkdir -p "$state"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "Azurite is already running (PID $(cat "$pidfile"))."
    return 0
  fi
  if port_open "$blob_port"; then
    echo "Port $blob_port is taken by another process; stop it or set AZURITE_BLOB_PORT/AZURITE_QUEUE_PORT/AZURITE_TABLE_PORT." >&2
    exit 1
  fi
  local args=(--blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1
    --blobPort "$blob_port" --queuePort "$queue_port" --tablePort "$table_port"
    --skipApiVersionCheck --disableTelemetry --silent)
  if [ "$memory" = 1 ]; then
    args+=(--inMemoryPersistence)
  else
    mkdir -p "$data"
    args+=(--location "$data")
  fi
  nohup "$root/node_modules/.bin/azurite" "${args[@]}" >"$state/azurite.log" 2>&1 &
  echo $! >"$pidfile"
  for _ in $(seq 1 150); do
    if port_open "$blob_port" && port_open "$queue_port" && port_open "$table_port"; then
      echo "Azurite is up on 127.0.0.1:$blob_port/$queue_port/$table_port (PID $(cat "$pidfile"))."
      return 0
    fi
    if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      echo "Azurite exited during start-up; see $state/azurite.log:" >&2
      tail -20 "$state/azurite.log" >&2
      exit 1
    fi
    sleep 0.2
  done
  echo "Azurite did not accept connections within 30 s; see $state/azurite.log." >&2
  exit 1
}

stop() {
  if [ -f "$pidfile" ]; then
    local pid; pid="$(cat "$pidfile")"
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
      echo "Azurite stopped (PID $pid)."
    fi
    rm -f "$pidfile"
  fi
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;;
  status) if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then echo "running (PID $(cat "$pidfile"))"; else echo "stopped"; fi ;;
  *) echo "usage: scripts/azurite.sh start [--memory] [--data DIR] | stop | status" >&2; exit 2 ;;
esac
