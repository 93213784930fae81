#!/usr/bin/env bash
# azd postdeploy hook: connects blob uploads to the code azd has just published.
#
# Flex Consumption runs blob triggers only with the Event Grid source, and the Event Grid subscription's webhook needs
# the host's blobs_extension system key, which the host makes when it first starts with the blob trigger. So this hook
#   1. waits for that key (az functionapp keys list), a bounded number of tries;
#   2. deploys infra/main.bicep again, with the same parameters as azd (infra/main.parameters.json filled in from the
#      azd environment) and enableEventGridSubscription=true. The subscription is a resource of the template in the
#      environment's resource group, never made outside it, so `azd down` removes it with the rest, and running the
#      hook again (a second `azd up`) deploys the same template with the same values: nothing changes.
#
# Reads (azd passes its environment to hooks): AZURE_RESOURCE_GROUP and AZURE_FUNCTION_APP_NAME (outputs of
# main.bicep), and every ${NAME} of infra/main.parameters.json. Tuning, mainly for tests:
#   POSTDEPLOY_KEY_ATTEMPTS (default 30) and POSTDEPLOY_KEY_INTERVAL_SECONDS (default 10).
# Needs the Azure CLI, signed in (az login) to the subscription azd deploys to.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
template="$root/infra/main.bicep"
parameters="$root/infra/main.parameters.json"
attempts="${POSTDEPLOY_KEY_ATTEMPTS:-30}"
interval="${POSTDEPLOY_KEY_INTERVAL_SECONDS:-10}"

fail() {
  echo "postdeploy: $*" >&2
  exit 1
}

case "$attempts" in '' | *[!0-9]* | 0) fail "POSTDEPLOY_KEY_ATTEMPTS must be a positive whole number, not '$attempts'" ;; esac
case "$interval" in '' | *[!0-9]*) fail "POSTDEPLOY_KEY_INTERVAL_SECONDS must be a whole number of seconds, not '$interval'" ;; esac
command -v az >/dev/null 2>&1 || fail "the Azure CLI (az) is required, signed in with az login: https://learn.microsoft.com/cli/azure/install-azure-cli"
for name in AZURE_RESOURCE_GROUP AZURE_FUNCTION_APP_NAME; do
  [ -n "${!name:-}" ] || fail "$name is not set: run this hook through azd (azd up or azd deploy), which passes the outputs of infra/main.bicep"
done

# The environment variables the parameters file names; each must be set, as in azd's own deployment (an empty
# AZURE_PRINCIPAL_ID only means no data role for the deployer), except those written ${NAME=default}, which azd
# replaces with the default when unset.
tokens="$(grep -o '[$][{][A-Za-z_][A-Za-z0-9_]*\(=[^}" ]*\)\{0,1\}[}]' "$parameters" | sort -u)"
for token in $tokens; do
  name="${token#\$\{}"
  name="${name%\}}"
  name="${name%%=*}"
  value="${!name:-}"
  if [ -z "$value" ] && [ "$name" != AZURE_PRINCIPAL_ID ] && [[ $token != *=* ]]; then
    fail "$name is not set (infra/main.parameters.json reads it); azd up and azd provision set it in the azd environment"
  fi
  case "$value" in *[\"\\]*) fail "$name holds a quote or a backslash, which the parameters file cannot carry" ;; esac
done

# 1. The blobs_extension key. The key itself is never printed; only whether the host has made it.
errors="$(mktemp)"
trap 'rm -f "$errors"' EXIT
echo "postdeploy: waiting for the blobs_extension key of $AZURE_FUNCTION_APP_NAME (up to $attempts tries, ${interval}s apart)"
attempt=1
while :; do
  key="$(az functionapp keys list --resource-group "$AZURE_RESOURCE_GROUP" --name "$AZURE_FUNCTION_APP_NAME" \
    --query systemKeys.blobs_extension --output tsv 2>"$errors" || true)"
  if [ -n "$key" ]; then
    break
  fi
  if [ "$attempt" -ge "$attempts" ]; then
    echo "postdeploy: the host of $AZURE_FUNCTION_APP_NAME has no blobs_extension key after $attempts tries." >&2
    if [ -s "$errors" ]; then
      echo "postdeploy: the last answer of az functionapp keys list was:" >&2
      tail -n 5 "$errors" >&2
    fi
    fail "the host makes the key when it starts with the IngestArticle blob trigger: check that the deployment started (Azure portal, Log stream), then run azd deploy again; uploads are still ingested by the RecoverPendingUploads timer meanwhile"
  fi
  echo "postdeploy: no blobs_extension key yet (try $attempt of $attempts); the host makes it when it starts"
  attempt=$((attempt + 1))
  sleep "$interval"
done
key=""
echo "postdeploy: the host has its blobs_extension key"

# 2. The same template and values as azd's deployment, with the subscription this time. The filled-in parameters
# hold the cursor secret: a private file, removed on exit.
work="$(umask 077 && mktemp -d)"
trap 'rm -f "$errors"; rm -rf "$work"' EXIT
text="$(cat "$parameters")"
for token in $tokens; do
  name="${token#\$\{}"
  name="${name%\}}"
  fallback=""
  if [[ $name == *=* ]]; then
    fallback="${name#*=}"
    name="${name%%=*}"
  fi
  value="${!name:-$fallback}"
  done_part=""
  while [[ $text == *"$token"* ]]; do
    done_part="$done_part${text%%"$token"*}$value"
    text="${text#*"$token"}"
  done
  text="$done_part$text"
done
printf '%s\n' "$text" >"$work/main.parameters.json"

deployment="event-grid-${AZURE_ENV_NAME:-azd}"
deployment="${deployment:0:64}"
echo "postdeploy: deploying infra/main.bicep to $AZURE_RESOURCE_GROUP with enableEventGridSubscription=true ($deployment)"
az deployment group create --resource-group "$AZURE_RESOURCE_GROUP" --name "$deployment" \
  --template-file "$template" --parameters "@$work/main.parameters.json" \
  --parameters enableEventGridSubscription=true --output none
echo "postdeploy: done: blobs created in the articles container now reach IngestArticle through Event Grid"
