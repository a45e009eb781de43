#!/usr/bin/env bash
# The command line's everyday behaviour: help, version, progress and quiet output.
#
# Usage: cli_basics.sh CARECAST SCENARIO.txtpb
#
#  * `carecast --help`, `carecast -h`, `carecast --version`, `carecast run --help` and
#    `carecast validate --help` exit 0 and print to stdout; --version names the built revision;
#  * `carecast validate SCENARIO` exits 0 and says the scenario is valid;
#  * `carecast run --progress log` prints progress lines with '%' to stderr (none to stdout) and a
#    summary table to stdout;
#  * `carecast run --quiet` prints neither progress nor the summary table.
set -euo pipefail

source "$(dirname "$0")/../support/e2e_common.sh"
e2e_setup cli "$@"

failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# Runs carecast; sets status, out, err.
run() {
    status=0
    "$carecast" "$@" >"$tmp/stdout" 2>"$tmp/stderr" || status=$?
    out=$(<"$tmp/stdout")
    err=$(<"$tmp/stderr")
    echo "--- carecast $*: exit $status, $(wc -l <"$tmp/stdout") line(s) on stdout, $(wc -l <"$tmp/stderr") on stderr"
}
expect_ok() {
    [[ $status -eq 0 ]] || fail "carecast $1: exit status $status, expected 0 (stderr: $err)"
}

run --help
expect_ok --help
grep -q '^Usage: carecast COMMAND' <<<"$out" || fail "--help: no usage on stdout"
grep -qE '^[[:space:]]+run SCENARIO' <<<"$out" || fail "--help: the run command is not listed"
grep -qE '^[[:space:]]+validate SCENARIO' <<<"$out" || fail "--help: the validate command is not listed"
run -h
expect_ok -h
grep -q '^Usage: carecast COMMAND' <<<"$out" || fail "-h: no usage on stdout"

run --version
expect_ok --version
grep -qE '^carecast [0-9]+\.[0-9]+\.[0-9]+' <<<"$out" || fail "--version: '$out' does not start 'carecast X.Y.Z'"
# The revision is the source tree's as built (cmake/version_header.cmake, at every build), not CMake's at
# configure time; "-dirty" when tracked files differ from it. Not checked outside a git checkout.
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
if head=$(git -C "$source_dir" rev-parse --short=12 HEAD 2>/dev/null); then
    [[ -z $(git -C "$source_dir" status --porcelain --untracked-files=no) ]] || head="$head-dirty"
    grep -qF "(git $head)" <<<"$out" || fail "--version: '$out' does not name the source's revision $head"
fi

run run --help
expect_ok "run --help"
for option in --output --threads --seed --replicates --force --progress --quiet; do
    grep -qe "$option" <<<"$out" || fail "run --help: option $option is not listed"
done
run validate --help
expect_ok "validate --help"
grep -q '^Usage: carecast validate' <<<"$out" || fail "validate --help: no usage on stdout"

run validate "$scenario"
expect_ok "validate $scenario"
grep -q "valid scenario" <<<"$out" || fail "validate: stdout does not say the scenario is valid"
[[ -z "$err" ]] || fail "validate: unexpected stderr: $err"

run run "$scenario" -o "$tmp/progress.nc" --progress log
expect_ok "run --progress log"
progress_lines=$(grep -c '%' <<<"$err" || true)
[[ $progress_lines -ge 1 ]] || fail "--progress log: no progress lines with '%' on stderr"
grep -q '100%' <<<"$err" || fail "--progress log: no final 100% line on stderr"
grep -q '%' <<<"$out" && fail "--progress log: progress lines on stdout"
grep -qE '^Year[[:space:]]+\|' <<<"$out" || fail "--progress log: no summary table on stdout"
grep -qE '^2020[[:space:]]+\|' <<<"$out" || fail "--progress log: summary table has no horizon-year row"
[[ -f "$tmp/progress.nc" ]] || fail "--progress log: no output file"

run run "$scenario" -o "$tmp/quiet.nc" --quiet
expect_ok "run --quiet"
grep -qE '^Year[[:space:]]+\|' <<<"$out" && fail "--quiet: a summary table was printed"
grep -q 'Mean across' <<<"$out" && fail "--quiet: the summary table's footnote was printed"
grep -q '%' <<<"$err" && fail "--quiet: progress was printed to stderr"
[[ -z "$err" ]] || fail "--quiet: unexpected stderr: $err"
[[ -f "$tmp/quiet.nc" ]] || fail "--quiet: no output file"

run run "$scenario" -o "$tmp/none.nc" --progress none
expect_ok "run --progress none"
[[ -z "$err" ]] || fail "--progress none: unexpected stderr: $err"
grep -qE '^Year[[:space:]]+\|' <<<"$out" || fail "--progress none: no summary table on stdout"

[[ $failures -eq 0 ]] || { echo "$failures check(s) failed" >&2; exit 1; }
echo "OK: help, version, validate, progress and quiet behave"
