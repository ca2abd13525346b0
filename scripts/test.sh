#!/usr/bin/env bash
# npm test: the whole jest suite (unit + integration on real MariaDB and a real
# Temporal dev server), then one closing line "N passed, N failed" for CI.
# Extra arguments go to jest, e.g. `npm test -- test/unit`.
set -uo pipefail
cd "$(dirname "$0")/.."

# Build or find the Temporal CLI first, so a first-time build is not inside jest's timeouts.
bash scripts/temporal-cli.sh >/dev/null || exit 1

db_url="${TEST_DATABASE_URL:-mysql://root@127.0.0.1:3306/orderly_test}"
if ! node -e "require('net').connect({host: new URL(process.argv[1]).hostname, port: Number(new URL(process.argv[1]).port || 3306)}).on('connect', () => process.exit(0)).on('error', () => process.exit(1))" "$db_url"; then
  echo "MariaDB/MySQL is not reachable for $db_url: start it (see README, 'Testing') or set TEST_DATABASE_URL." >&2
  exit 1
fi

report="$(mktemp --suffix=.json)"
# --forceExit: tests run in band on small machines, and the Temporal worker runtime
# (native threads) keeps the jest process alive after the last test.
npx jest --json --outputFile="$report" --forceExit "$@"
status=$?
node --import tsx scripts/jest-summary.ts "$report" || echo "0 passed, 1 failed"
rm -f "$report"
exit $status
