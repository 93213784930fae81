#!/usr/bin/env bash
# azd preprovision hook: the values infra/main.parameters.json needs that azd does not set itself, made once per
# azd environment and kept in it (.azure/<env>/.env), so that every `azd provision` and the postdeploy hook deploy
# the template with the same values (a cursor secret made anew each time would change the app on every deployment).
#   FEEDS_CURSOR_SECRET   signs feed paging cursors: 32 random bytes, hex
#   AZURE_PRINCIPAL_TYPE  User or ServicePrincipal: what AZURE_PRINCIPAL_ID is, for its Storage Blob Data Contributor role
# Both are left alone when already set (azd env set NAME VALUE to choose them).
set -euo pipefail

command -v azd >/dev/null 2>&1 || { echo "preprovision: azd is not on the PATH; this hook runs from azd up / azd provision" >&2; exit 1; }

if [ -z "${FEEDS_CURSOR_SECRET:-}" ]; then
  secret="$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')"
  if [ "${#secret}" -ne 64 ]; then
    echo "preprovision: could not read 32 random bytes from /dev/urandom" >&2
    exit 1
  fi
  azd env set FEEDS_CURSOR_SECRET "$secret" >/dev/null
  echo "preprovision: made FEEDS_CURSOR_SECRET for this environment"
fi

if [ -z "${AZURE_PRINCIPAL_TYPE:-}" ]; then
  # The Azure CLI's signed-in account (the postdeploy hook needs it too); a user unless it says otherwise.
  type=User
  if command -v az >/dev/null 2>&1 && [ "$(az account show --query user.type --output tsv 2>/dev/null || true)" = servicePrincipal ]; then
    type=ServicePrincipal
  fi
  azd env set AZURE_PRINCIPAL_TYPE "$type" >/dev/null
  echo "preprovision: AZURE_PRINCIPAL_TYPE=$type"
fi
