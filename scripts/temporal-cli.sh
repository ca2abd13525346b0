#!/usr/bin/env bash
# Prints the path of a Temporal CLI, building one if none is found.
# Order: $TEMPORAL_CLI_PATH, then `temporal` on PATH, then the project-local
# .tools/bin/temporal (git-ignored), built with the machine's Go because the
# test machines reach package registries only, not GitHub releases.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
local_cli="$root/.tools/bin/temporal"
version="v1.5.1" # newest CLI release whose go.mod allows `go install`

if [ -n "${TEMPORAL_CLI_PATH:-}" ] && [ -x "$TEMPORAL_CLI_PATH" ]; then echo "$TEMPORAL_CLI_PATH"; exit 0; fi
if command -v temporal >/dev/null 2>&1; then command -v temporal; exit 0; fi
if [ -x "$local_cli" ]; then echo "$local_cli"; exit 0; fi

go_bin="$(command -v go || echo /usr/local/go/bin/go)"
if [ ! -x "$go_bin" ]; then
  echo "No Temporal CLI found and no Go toolchain to build one. Install the CLI and set TEMPORAL_CLI_PATH." >&2
  exit 1
fi
echo "Building the Temporal CLI $version with Go into .tools/bin (a few minutes, once)..." >&2
mkdir -p "$root/.tools/bin"
GOBIN="$root/.tools/bin" GOFLAGS=-mod=mod "$go_bin" install "github.com/temporalio/cli/cmd/temporal@$version" >&2
echo "$local_cli"
