#!/usr/bin/env bash
# Runs the benchmarks against a fresh in-memory Azurite on its own ports and prints the figures.
#   scripts/bench.sh [ingest] [rescore] [--count 10000] [--rescore-counts 10000,100000]
#   scripts/bench.sh simulate [--archives 1000000,10000000] [--per-day 5000]   (in memory: no Azurite)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ "${1:-}" = simulate ]; then
  dotnet build bench/Serverless.Bench -c Release -nologo -v:q -clp:ErrorsOnly
  exec dotnet bench/Serverless.Bench/bin/Release/net10.0/Serverless.Bench.dll "$@"
fi
export AZURITE_BLOB_PORT=20000 AZURITE_QUEUE_PORT=20001 AZURITE_TABLE_PORT=20002
"$root/scripts/npm-install.sh"
dotnet build bench/Serverless.Bench -c Release -nologo -v:q -clp:ErrorsOnly
dotnet build functions/Serverless.LocalHost -c Release -nologo -v:q -clp:ErrorsOnly
# A 100,000 archive holds over a million story rows in Azurite's memory: more than Node's default heap.
NODE_OPTIONS=--max-old-space-size=16384 node_modules/.bin/azurite --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
  --blobPort $AZURITE_BLOB_PORT --queuePort $AZURITE_QUEUE_PORT --tablePort $AZURITE_TABLE_PORT \
  --skipApiVersionCheck --disableTelemetry --silent --inMemoryPersistence >/dev/null 2>&1 &
azurite_pid=$!
trap 'kill $azurite_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 150); do (exec 3<>/dev/tcp/127.0.0.1/$AZURITE_TABLE_PORT) 2>/dev/null && break; sleep 0.2; done
key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
export AzureWebJobsStorage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$AZURITE_BLOB_PORT/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$AZURITE_QUEUE_PORT/devstoreaccount1;TableEndpoint=http://127.0.0.1:$AZURITE_TABLE_PORT/devstoreaccount1;"
dotnet bench/Serverless.Bench/bin/Release/net10.0/Serverless.Bench.dll --shared "$(cd "$root/.." && pwd)/shared" "$@"
