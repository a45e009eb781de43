#!/usr/bin/env bash
# Rewrites tests/golden/golden_results.txt from the current build (default build/carecast). Use it only
# when a change is meant to alter results, and commit the file on its own with the reason.
set -euo pipefail
cd "$(dirname "$0")/.."
exec tests/golden/golden.sh update "${1:-${CARECAST_BUILD_DIR:-build}/carecast}"
