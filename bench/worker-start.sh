#!/usr/bin/env bash
# How long the compiled worker (dist/, prebuilt workflow bundle) takes from spawn to its
# "worker started" log line, on each Node given, runs interleaved so machine load hits all
# alike; prints every run and the median. Needs `npm run build` and MariaDB.
#   bash bench/worker-start.sh /usr/bin/node node_modules/node/bin/node
# Env: WORKER_START_RUNS (5), WORKER_START_TEMPORAL_PORT (7290), WORKER_START_DATABASE_URL
# (mysql://root@127.0.0.1:3306/orderly_worker_start, recreated), WORKER_METRICS_PORT (9290).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || { echo "usage: $0 NODE_BINARY..." >&2; exit 2; }
[ -f dist/workers/main.js ] || { echo "run npm run build first" >&2; exit 1; }
runs="${WORKER_START_RUNS:-5}"
port="${WORKER_START_TEMPORAL_PORT:-7290}"
db_url="${WORKER_START_DATABASE_URL:-mysql://root@127.0.0.1:3306/orderly_worker_start}"
project_node="$PWD/node_modules/.bin/node"
work="$(mktemp -d)"

# A dev server with Orderly's search attributes (the list comes from workflows/contract.ts).
attributes="$("$project_node" --import tsx -e '
  const { SEARCH_ATTRIBUTES } = require("./workflows/contract.ts");
  console.log(Object.entries(SEARCH_ATTRIBUTES).map(([name, type]) => `--search-attribute ${name}=${type}`).join(" "));
')"
# shellcheck disable=SC2086 # one word per flag
"$(bash scripts/temporal-cli.sh)" server start-dev --ip 127.0.0.1 --port "$port" --headless --log-level warn $attributes \
  --dynamic-config-value frontend.enableExecuteMultiOperation=true >"$work/dev-server.log" 2>&1 &
dev=$!
trap 'kill "$dev" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 60); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 1; done

database="${db_url##*/}"
"$project_node" -e '
  const knex = require("knex")({ client: "mysql2", connection: process.argv[1] });
  knex.raw(`DROP DATABASE IF EXISTS \`${process.argv[2]}\``).then(() => knex.raw(`CREATE DATABASE \`${process.argv[2]}\``)).finally(() => knex.destroy());
' "${db_url%/*}" "$database"
export DATABASE_URL="$db_url" TEMPORAL_ADDRESS="127.0.0.1:$port" WORKER_METRICS_PORT="${WORKER_METRICS_PORT:-9290}" TASK_QUEUE=worker-start LOG_LEVEL=info
"$project_node" dist/scripts/migrate.js >/dev/null

# Milliseconds from spawn to "worker started" on Node $1; SIGTERM, then wait for the exit.
once() {
  local log="$work/worker.log" start pid
  start=$(date +%s%N)
  "$1" dist/workers/main.js >"$log" 2>&1 &
  pid=$!
  until grep -q '"worker started"' "$log"; do
    kill -0 "$pid" 2>/dev/null || { echo "the worker on $1 exited: $(tail -3 "$log")" >&2; exit 1; }
    sleep 0.02
  done
  echo $((($(date +%s%N) - start) / 1000000))
  kill -TERM "$pid"
  wait "$pid" || true
}

for node in "$@"; do once "$node" >/dev/null; done # file cache and schedules warm for every run below
declare -A times
for _ in $(seq 1 "$runs"); do
  for node in "$@"; do times[$node]+="$(once "$node") "; done
done
for node in "$@"; do
  # shellcheck disable=SC2086 # one number per word
  median=$(printf '%s\n' ${times[$node]} | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }')
  echo "$("$node" -v) ($node): ${times[$node]}ms; median $median ms"
done
"$project_node" -e '
  const knex = require("knex")({ client: "mysql2", connection: process.argv[1] });
  knex.raw(`DROP DATABASE IF EXISTS \`${process.argv[2]}\``).finally(() => knex.destroy());
' "${db_url%/*}" "$database"
