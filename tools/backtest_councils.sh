#!/usr/bin/env bash
# Re-runs the cross-council back-test of docs/validation.md ("Every council, back-tested from mid-2016"):
# builds carecast-backtest and runs it on all 152 upper-tier councils. Writes OUT/errors.csv,
# OUT/councils.csv and OUT/summary.md (the tables pasted into docs/validation.md) and prints the summary.
#
#   tools/backtest_councils.sh [OUT]        (default OUT: build/backtest; BUILD_DIR, REPLICATES, THREADS)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
out=${1:-$build/backtest}
cmake --build "$build" -j"${THREADS:-2}" --target carecast-backtest >/dev/null
exec "$build/carecast-backtest" -o "$out" --replicates "${REPLICATES:-2}" --threads "${THREADS:-2}"
