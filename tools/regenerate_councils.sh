#!/usr/bin/env bash
# Regenerates the shipped baselines of the four councils of the source documents from the national data
# pack with `carecast init` (the same code any user runs): County Durham (the default), Darlington,
# Thurrock and Nottingham, at the latest base year. Their what-ifs (scenarios/whatif_*) extend them.
#   tools/regenerate_councils.sh [CARECAST]       (default build/carecast)
set -euo pipefail
cd "$(dirname "$0")/.."
carecast=${1:-${CARECAST_BUILD_DIR:-build}/carecast}
for area in E06000047 E06000005 E06000034 E06000018; do
    "$carecast" init "$area" -o scenarios --data scenarios/data --force
done
