#!/usr/bin/env bash
# npm run test:stack: the production-shape tier (test/stack). It builds what
# the image runs (npm run build) and the Temporal server (once per machine,
# outside jest's timeouts), then runs the tier's tests in band against real
# processes, and ends with one line "N passed, N failed" for CI.
# Needs MariaDB (TEST_STACK_DATABASE_URL) and PostgreSQL (TEMPORAL_DB_ADDRESS,
# 127.0.0.1:5432 by default) for Temporal's own persistence.
set -uo pipefail
cd "$(dirname "$0")/.."

pg="${TEMPORAL_DB_ADDRESS:-127.0.0.1:5432}"
if ! (exec 3<>"/dev/tcp/${pg%:*}/${pg##*:}") 2>/dev/null; then
  echo "PostgreSQL is not reachable at $pg (Temporal's persistence for the production shape): start it or set TEMPORAL_DB_ADDRESS." >&2
  echo "0 passed, 1 failed"
  exit 1
fi
started=$SECONDS
bash scripts/temporal-cli.sh >/dev/null && bash scripts/temporal-server.sh build >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
echo "Temporal server and CLI ready in $((SECONDS - started)) s"
if [ "${STACK_BUILD:-dist}" = dist ]; then
  started=$SECONDS
  npm run --silent build || { echo "0 passed, 1 failed"; exit 1; }
  echo "npm run build in $((SECONDS - started)) s"
fi

report="$(mktemp --suffix=.json)"
# --forceExit: the Temporal client's native threads keep jest alive after the last test.
ORDERLY_TEST_TIER=stack npx jest --selectProjects stack --runInBand --json --outputFile="$report" --forceExit "$@"
status=$?
node --import tsx scripts/jest-summary.ts "$report" || echo "0 passed, 1 failed"
rm -f "$report"
exit $status
