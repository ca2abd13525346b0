#!/bin/sh
# Registers what Orderly needs on a running Temporal cluster: its namespace and
# its custom search attributes (workflows/contract.ts). Idempotent.
# The same commands run for `npm run stack` (scripts/temporal-server.sh) and in
# docker-compose.yml's temporal-register job (admin-tools' temporal CLI).
#   TEMPORAL_CLI       the temporal CLI binary (default: temporal on PATH)
#   TEMPORAL_ADDRESS   host:port of the frontend
#   TEMPORAL_NAMESPACE the namespace (default: default)
#   TEMPORAL_RETENTION how long closed workflows stay visible (default 7d)
#   arguments          Name=Type pairs, e.g. OrderStatus=Keyword
set -eu
cli="${TEMPORAL_CLI:-temporal}"
ns="${TEMPORAL_NAMESPACE:-default}"

# A fresh cluster answers health checks a moment before it takes namespace calls.
tries=0
until "$cli" operator cluster health --address "$TEMPORAL_ADDRESS" >/dev/null 2>&1; do
  tries=$((tries + 1))
  [ "$tries" -lt 360 ] || { echo "Temporal at $TEMPORAL_ADDRESS is not healthy after 3 minutes" >&2; exit 1; }
  sleep 0.5
done

if ! "$cli" operator namespace describe --address "$TEMPORAL_ADDRESS" -n "$ns" >/dev/null 2>&1; then
  "$cli" operator namespace create --address "$TEMPORAL_ADDRESS" -n "$ns" --retention "${TEMPORAL_RETENTION:-7d}" >/dev/null
fi

# A new namespace reaches every service's cache within seconds; until then it is "not found".
tries=0
until existing="$("$cli" operator search-attribute list --address "$TEMPORAL_ADDRESS" -n "$ns" -o json 2>&1)"; do
  tries=$((tries + 1))
  [ "$tries" -lt 120 ] || { echo "$existing" >&2; exit 1; }
  sleep 0.5
done
for pair in "$@"; do
  name="${pair%%=*}"
  type="${pair#*=}"
  case "$existing" in
    *"\"$name\""*) ;;
    *) "$cli" operator search-attribute create --address "$TEMPORAL_ADDRESS" -n "$ns" --name "$name" --type "$type" >/dev/null ;;
  esac
done
echo "Temporal namespace $ns has its search attributes"
