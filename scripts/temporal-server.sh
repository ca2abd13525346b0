#!/usr/bin/env bash
# A real Temporal server on SQL for the production shape (`npm run stack`, the
# stack tests), without Docker. Like scripts/temporal-cli.sh it finds or builds
# what it needs; every step is idempotent, so it is safe before each start.
#
#   scripts/temporal-server.sh [start]   build, schema, then run the server in the
#                                        foreground and register the namespace and
#                                        search attributes; Ctrl+C/SIGTERM stops it
#   scripts/temporal-server.sh build     only build (prints the binaries' folder)
#   scripts/temporal-server.sh schema    only create/upgrade the SQL schema
#   scripts/temporal-server.sh register  only register the namespace (TEMPORAL_NAMESPACE)
#                                        and search attributes on a running server
#   scripts/temporal-server.sh ui        the Temporal Web UI for that server, in the
#                                        foreground (TEMPORAL_UI_PORT, TEMPORAL_CODEC_ENDPOINT)
#
# The server and SQL tool come from Go (the test machines reach package
# registries, not GitHub releases), built once into .tools/bin (git-ignored).
# Temporal's SQL stores are MySQL 8 and PostgreSQL, not MariaDB: here it uses
# PostgreSQL. The config and the schema/registration steps live in
# deploy/temporal/ and are the ones docker-compose.yml runs (MySQL 8.4 there).
# Settings, all with defaults for this machine:
#   TEMPORAL_PORT (7233; the other services use the next ports, HTTP +10),
#   TEMPORAL_MEMBERSHIP_PORT (6933), TEMPORAL_DB_ADDRESS (127.0.0.1:5432),
#   TEMPORAL_DB_USER (postgres), TEMPORAL_DB_PASSWORD, TEMPORAL_DB_NAME
#   (temporal_orderly), TEMPORAL_VISIBILITY_DB_NAME (temporal_orderly_visibility),
#   TEMPORAL_NAMESPACE (default), TEMPORAL_HISTORY_SHARDS (4, fixed at creation).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version="v1.29.1" # newest server whose go.mod the machine's Go builds; keep docker-compose.yml's images on the same version
ui_version="v2.42.1" # the Web UI the CLI embeds; docker-compose.yml's temporalio/ui image has the same
bin="$root/.tools/bin"
deploy="$root/deploy/temporal"

export TEMPORAL_DB_PLUGIN="${TEMPORAL_DB_PLUGIN:-postgres12}"
export TEMPORAL_DB_ADDRESS="${TEMPORAL_DB_ADDRESS:-127.0.0.1:5432}"
export TEMPORAL_DB_USER="${TEMPORAL_DB_USER:-postgres}"
export TEMPORAL_DB_PASSWORD="${TEMPORAL_DB_PASSWORD:-}"
export TEMPORAL_DB_NAME="${TEMPORAL_DB_NAME:-temporal_orderly}"
export TEMPORAL_VISIBILITY_DB_NAME="${TEMPORAL_VISIBILITY_DB_NAME:-temporal_orderly_visibility}"
export TEMPORAL_PORT="${TEMPORAL_PORT:-7233}"
export TEMPORAL_DYNAMIC_CONFIG="$deploy/config/dynamicconfig.yaml"
export TEMPORAL_ADDRESS="127.0.0.1:$TEMPORAL_PORT"

go_bin() {
  local go
  go="$(command -v go || echo /usr/local/go/bin/go)"
  if [ ! -x "$go" ]; then
    echo "No Temporal server found and no Go toolchain to build one: set TEMPORAL_SERVER_PATH, TEMPORAL_SQL_TOOL_PATH and TEMPORAL_SCHEMA_DIR." >&2
    exit 1
  fi
  echo "$go"
}

# Builds temporal-server and temporal-sql-tool (the names they have in Temporal's images) once per version.
build() {
  if [ -n "${TEMPORAL_SERVER_PATH:-}" ]; then return; fi
  if [ -x "$bin/temporal-server" ] && [ -x "$bin/temporal-sql-tool" ] && "$bin/temporal-server" --version 2>/dev/null | grep -q "${version#v}"; then return; fi
  local go tmp started
  go="$(go_bin)"
  tmp="$(mktemp -d)"
  started=$SECONDS
  echo "Building the Temporal server $version and its SQL tool with Go into .tools/bin (a few minutes, once)..." >&2
  GOBIN="$tmp" GOFLAGS=-mod=mod "$go" install "go.temporal.io/server/cmd/server@$version" "go.temporal.io/server/cmd/tools/sql@$version" >&2
  mkdir -p "$bin"
  mv "$tmp/server" "$bin/temporal-server"
  mv "$tmp/sql" "$bin/temporal-sql-tool"
  rmdir "$tmp"
  echo "Built in $((SECONDS - started)) s." >&2
}

server_path() { echo "${TEMPORAL_SERVER_PATH:-$bin/temporal-server}"; }

# The Web UI server, built once like the server; it runs with the config of Temporal's UI image (config/docker.yaml).
ui() {
  local go module
  go="$(go_bin)"
  if ! { [ -x "$bin/temporal-ui-server" ] && "$bin/temporal-ui-server" --version 2>/dev/null | grep -q "${ui_version#v}"; }; then
    echo "Building the Temporal Web UI $ui_version with Go into .tools/bin (once)..." >&2
    local tmp
    tmp="$(mktemp -d)"
    GOBIN="$tmp" GOFLAGS=-mod=mod "$go" install "github.com/temporalio/ui-server/v2/cmd/server@$ui_version" >&2
    mkdir -p "$bin"
    mv "$tmp/server" "$bin/temporal-ui-server"
    rmdir "$tmp"
  fi
  module="$(cd / && "$go" mod download -json "github.com/temporalio/ui-server/v2@$ui_version" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')"
  # Plain HTTP on this machine: the UI's CSRF cookie cannot be Secure-only.
  TEMPORAL_UI_PORT="${TEMPORAL_UI_PORT:-8233}" TEMPORAL_CSRF_COOKIE_INSECURE=true \
    exec "$bin/temporal-ui-server" --root "$module" --config config --env docker start
}

# The schema files of the same server version, from Go's module cache.
schema_dir() {
  if [ -n "${TEMPORAL_SCHEMA_DIR:-}" ]; then echo "$TEMPORAL_SCHEMA_DIR"; return; fi
  local dir
  dir="$(cd / && "$(go_bin)" mod download -json "go.temporal.io/server@$version" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')"
  case "$TEMPORAL_DB_PLUGIN" in
    postgres12*) echo "$dir/schema/postgresql/v12" ;;
    mysql8) echo "$dir/schema/mysql/v8" ;;
    *) echo "TEMPORAL_DB_PLUGIN must be postgres12, postgres12_pgx or mysql8" >&2; exit 1 ;;
  esac
}

schema() {
  SQL_TOOL="${TEMPORAL_SQL_TOOL_PATH:-$bin/temporal-sql-tool}" SCHEMA_DIR="$(schema_dir)" sh "$deploy/setup-schema.sh"
}

# Namespace and search attributes; the attribute list comes from the code that sets them.
register() {
  local attributes
  attributes="$(cd "$root" && node --import tsx -e '
    const { SEARCH_ATTRIBUTES } = require("./workflows/contract.ts");
    console.log(Object.entries(SEARCH_ATTRIBUTES).map(([name, type]) => `${name}=${type}`).join(" "));
  ')"
  # shellcheck disable=SC2086 # one word per attribute
  TEMPORAL_CLI="$(bash "$root/scripts/temporal-cli.sh")" sh "$deploy/register.sh" $attributes
}

start() {
  build
  schema
  if (exec 3<>"/dev/tcp/127.0.0.1/$TEMPORAL_PORT") 2>/dev/null; then
    echo "Port $TEMPORAL_PORT is taken (another Temporal?): set TEMPORAL_PORT to another one." >&2
    exit 1
  fi
  "$(server_path)" --root "$deploy" --config config --env orderly --allow-no-auth start &
  local pid=$!
  # Stop the server with this script (Ctrl+C, SIGTERM from npm run stack or the tests).
  trap 'kill -TERM "$pid" 2>/dev/null; wait "$pid"; exit 0' INT TERM
  if ! register; then
    kill -TERM "$pid" 2>/dev/null
    wait "$pid" || true
    exit 1
  fi
  echo "Temporal server ready at $TEMPORAL_ADDRESS (namespace ${TEMPORAL_NAMESPACE:-default})"
  wait "$pid"
}

case "${1:-start}" in
  start) start ;;
  build) build; dirname "$(server_path)" ;;
  schema) build; schema ;;
  register) register ;;
  ui) ui ;;
  *) echo "usage: $0 [start|build|schema|register|ui]" >&2; exit 2 ;;
esac
