#!/bin/sh
# Creates or upgrades Temporal's two SQL databases (history and visibility) to
# the schema of the server version that runs. Idempotent: safe before every
# start. The same commands run for `npm run stack` (PostgreSQL, the SQL tool
# built by scripts/temporal-server.sh) and in docker-compose.yml's
# temporal-schema job (MySQL 8.4, admin-tools' temporal-sql-tool).
#   SQL_TOOL       the SQL tool binary (temporal-sql-tool)
#   SCHEMA_DIR     the server's schema/<store>/<version> folder, e.g. .../schema/postgresql/v12
#   TEMPORAL_DB_PLUGIN, TEMPORAL_DB_ADDRESS (host:port), TEMPORAL_DB_USER,
#   TEMPORAL_DB_PASSWORD, TEMPORAL_DB_NAME, TEMPORAL_VISIBILITY_DB_NAME: as in config/orderly.yaml
set -eu
host="${TEMPORAL_DB_ADDRESS%:*}"
port="${TEMPORAL_DB_ADDRESS##*:}"

# Runs one SQL tool command on one database; its chatter is shown only when it fails.
tool() {
  db="$1"
  shift
  if ! out="$("$SQL_TOOL" --plugin "$TEMPORAL_DB_PLUGIN" --ep "$host" -p "$port" -u "$TEMPORAL_DB_USER" --pw "${TEMPORAL_DB_PASSWORD:-}" --db "$db" "$@" 2>&1)"; then
    echo "$out"
    return 1
  fi
}

setup() {
  db="$1"
  versioned="$2"
  # MySQL's CREATE DATABASE has IF NOT EXISTS, PostgreSQL's does not: an existing database is fine.
  if ! out="$(tool "$db" create-database)"; then
    case "$out" in
      *"already exists"*) ;;
      *) echo "$out" >&2; exit 1 ;;
    esac
  fi
  # Version tables (IF NOT EXISTS) and version 0.0 unless already higher: a no-op on a set-up database.
  tool "$db" setup-schema -v 0.0 >&2
  # Applies only the versions above the recorded one.
  tool "$db" update-schema -d "$versioned" >&2
  echo "Temporal schema of $db is current"
}

setup "$TEMPORAL_DB_NAME" "$SCHEMA_DIR/temporal/versioned"
setup "$TEMPORAL_VISIBILITY_DB_NAME" "$SCHEMA_DIR/visibility/versioned"
