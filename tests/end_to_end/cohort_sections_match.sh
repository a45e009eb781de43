#!/usr/bin/env bash
# small_cohorts.txtpb must keep the baseline's cohort assumptions: its cohort sections (from the
# "# --- The cohorts" line to the end) equal those of scenarios/county_durham_baseline.txtpb once its
# data paths, relative to tests/end_to_end, are made relative to scenarios/ again.
#
# Usage: cohort_sections_match.sh SMALL_COHORTS.txtpb BASELINE.txtpb
set -euo pipefail

if [[ $# -ne 2 ]]; then
    echo "usage: $0 SMALL_COHORTS.txtpb BASELINE.txtpb" >&2
    exit 2
fi
# Savings are left out: a saving must fall in the run's financial years (an error otherwise, issue 12), and
# the small run ends in 2019, before the baseline's savings; small_cohorts.txtpb has its own.
cohort_sections() { sed -n '/^# --- The cohorts/,$p' "$1" | grep -vE '^\s*saving \{|^\s*# \(This test run'; }
small=$(cohort_sections "$1" | sed 's|"\.\./\.\./scenarios/data/|"data/|g')
# The baseline (scenarios/checks/county_durham_2016.txtpb) reads scenarios/data one folder up.
baseline=$(cohort_sections "$2" | sed 's|"\.\./data/|"data/|g' | grep -vE '^data_root:|^# The data files are those|^$' )
small=$(echo "$small" | grep -v '^$')
[[ -n "$baseline" ]] || { echo "FAIL: no '# --- The cohorts' line in $2" >&2; exit 1; }
if [[ "$small" != "$baseline" ]]; then
    echo "FAIL: the cohort sections of $1 differ from $2 (copy them again, data paths prefixed ../../scenarios/):" >&2
    diff <(echo "$baseline") <(echo "$small") >&2 || true
    exit 1
fi
echo "OK: $(basename "$1") has the cohort sections of $(basename "$2")"
