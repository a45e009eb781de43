#!/usr/bin/env bash
# The fault classes of issue 11, each tried as an adversary would: every one must end cleanly, with a
# clear error naming the file, exit status 1 (never a signal, never 0), nothing partial left under any
# name and nothing of the user's overwritten. docs/reliability.md lists the promises this checks.
#
# Usage: fault_classes.sh CARECAST SMALL_SCENARIO.txtpb
# Parts that need root (a full disk is a small tmpfs) or Python's netCDF4 (to alter a file) are
# skipped with a message when unavailable; the rest always runs.
set -euo pipefail

source "$(dirname "$0")/../support/e2e_common.sh"
carecast=$(realpath "$1")
scenario=$(realpath "$2")
source_dir=$(realpath "$(dirname "$0")/../..")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/carecast-faults.XXXXXX")
mounted=()
cleanup() {
    for m in "${mounted[@]}"; do umount "$m" 2>/dev/null || true; done
    rm -rf "$tmp"
}
trap cleanup EXIT
failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}
ok() { echo "ok: $*"; }

# expect STATUS PATTERN CMD...: runs CMD (10 s at most), checks its exit status and that stderr matches.
expect() {
    local want=$1 pattern=$2 status=0
    shift 2
    timeout 60 "$@" >"$tmp/stdout" 2>"$tmp/stderr" || status=$?
    if [[ $status -ne $want ]]; then
        fail "$* exited $status, expected $want; stderr: $(head -c 600 "$tmp/stderr")"
        return 1
    fi
    if [[ -n $pattern ]] && ! grep -qE -- "$pattern" "$tmp/stderr"; then
        fail "$*: stderr does not match '$pattern': $(head -c 600 "$tmp/stderr")"
        return 1
    fi
    return 0
}
nothing_left() {  # nothing_left DIR [ALLOWED...]: DIR holds only the ALLOWED names
    local dir=$1 listing
    shift
    listing=$(cd "$dir" && ls -A | grep -vxF -f <(printf '%s\n' "$@" "") || true)
    [[ -z $listing ]] || fail "left behind in $dir: $listing"
}

# A good run to work with.
good=$tmp/good.nc
"$carecast" run "$scenario" -o "$good" -q --progress none >/dev/null

# --- Crash where an error was due: a full disk while writing (run, merge, export --csv, report).
if [[ $(id -u) -eq 0 ]] && mkdir "$tmp/full" && mount -t tmpfs -o size=200k tmpfs "$tmp/full" 2>/dev/null; then
    mounted+=("$tmp/full")
    expect 1 "carecast: error: writing .*full/out.nc: .*No space left" "$carecast" run "$scenario" -o "$tmp/full/out.nc" -q --progress none &&
        ok "run on a full disk: exit 1 with the error"
    expect 1 "No space left" "$carecast" merge "$good" -o "$tmp/full/merged.nc" && ok "merge on a full disk: exit 1"
    nothing_left "$tmp/full"
    # Room for about half of the CSV set: some files would fit, the set must not appear in part.
    "$carecast" export "$good" --csv "$tmp/csv-size" >/dev/null
    set_kb=$(du -sk "$tmp/csv-size" | cut -f1)
    cat /dev/zero >"$tmp/full/filler" 2>/dev/null || true
    truncate -s -$(( (set_kb / 2 + 8) * 1024 )) "$tmp/full/filler"
    mkdir "$tmp/full/csv"
    expect 1 "No space left" "$carecast" export "$good" --csv "$tmp/full/csv" && ok "export --csv on a full disk: exit 1"
    [[ -z $(ls -A "$tmp/full/csv") ]] || fail "export --csv on a full disk left $(ls -A "$tmp/full/csv" | tr '\n' ' ')"
    rmdir "$tmp/full/csv"
    expect 1 "No space left" "$carecast" export "$good" --csv "$tmp/full/new-csv" && ok "export --csv into a new folder on a full disk: exit 1"
    [[ ! -e $tmp/full/new-csv ]] || fail "export --csv on a full disk left the folder new-csv"
    cat /dev/zero >>"$tmp/full/filler" 2>/dev/null || true
    expect 1 "No space left" "$carecast" report "$good" -o "$tmp/full/r.html" && ok "report on a full disk: exit 1"
    nothing_left "$tmp/full" filler
else
    echo "SKIPPED (part): full-disk checks need root to mount a small tmpfs"
fi

# --- Hangs and unbounded memory: scenario paths that are a FIFO or a device; absurd values.
mkfifo "$tmp/fifo.txtpb"
expect 1 "fifo.txtpb.*not a regular file" "$carecast" validate "$tmp/fifo.txtpb" && ok "a FIFO as scenario is refused"
expect 1 "/dev/zero.*not a regular file" "$carecast" run /dev/zero -o "$tmp/z.nc" && ok "/dev/zero as scenario is refused"
mkdir "$tmp/case"
cp -r "$source_dir/scenarios/data" "$tmp/case/data"
sed -e 's|\.\./\.\./scenarios/data/|data/|' -e '/^data_root/d' "$scenario" >"$tmp/case/s.txtpb"
expect 0 "" "$carecast" validate "$tmp/case/s.txtpb" || fail "the copied scenario does not validate"
migration=$tmp/case/data/derived/cd_net_migration_2011_2016.csv
cp "$migration" "$tmp/migration.orig"
awk -F, 'BEGIN{OFS=","} /^[0-9]/ && !done {$NF=2147483648; done=1} {print}' "$tmp/migration.orig" >"$migration"
expect 1 "net_migration.*out of range" "$carecast" validate "$tmp/case/s.txtpb" && ok "a net migration of 2^31 is refused by validate"
cp "$tmp/migration.orig" "$migration"
base=$tmp/case/data/cd_base_mid2016_syoa_sex.csv
cp "$base" "$tmp/base.orig"
awk -F, 'BEGIN{OFS=","} /^[0-9]/ && !done {$NF=-5000; done=1} {print}' "$tmp/base.orig" >"$base"
expect 1 "population.*out of range" "$carecast" validate "$tmp/case/s.txtpb" && ok "a negative population is refused"
awk -F, 'BEGIN{OFS=","} /^[0-9]/ && !done {$NF=900000000; done=1} {print}' "$tmp/base.orig" >"$base"
expect 1 "population.*out of range" "$carecast" validate "$tmp/case/s.txtpb" && ok "a population of 9e8 at one age is refused"
cp "$tmp/base.orig" "$base"

# --- Late failures: refused before simulating.
mkdir "$tmp/out_is_dir.nc"
expect 1 "out_is_dir.nc: it is a directory" "$carecast" run "$scenario" -o "$tmp/out_is_dir.nc" --force --progress none &&
    ok "an output that is a directory is refused up front"
ln -s "$tmp/nowhere/x.nc" "$tmp/dangling.nc"
expect 1 "dangling.nc: it is a symbolic link to a file that does not exist" "$carecast" run "$scenario" -o "$tmp/dangling.nc" --progress none &&
    ok "a dangling link as output is refused up front"
start=$SECONDS
expect 1 "needs about .* of memory but only" "$carecast" run "$source_dir/tests/end_to_end/small_cohorts.txtpb" -o "$tmp/huge.nc" -r 100000 --progress none &&
    ok "100,000 replicates are refused up front ($((SECONDS - start)) s)"
[[ ! -e $tmp/huge.nc ]] || fail "the refused run left huge.nc"

# --- Leftovers: stale temporaries of dead processes are removed, never a reason to refuse.
printf 'stale' >"$tmp/stale.nc.tmp.999999999"
printf 'stale' >"$tmp/stale.nc.tmp.1"  # pid 1 is alive (init): not ours to remove
expect 0 "" "$carecast" run "$scenario" -o "$tmp/stale.nc" -q --progress none && ok "a stale temporary does not block a run"
[[ ! -e $tmp/stale.nc.tmp.999999999 ]] || fail "the stale temporary of a dead process was not removed"
[[ -e $tmp/stale.nc.tmp.1 ]] || fail "the temporary of a live process was removed"
rm -f "$tmp/stale.nc.tmp.1"

# --- Lost output reported as success: full or closed stdout.
status=0; "$carecast" validate "$scenario" >/dev/full 2>"$tmp/stderr" || status=$?
[[ $status -eq 1 ]] && grep -q "cannot write to standard output" "$tmp/stderr" && ok "validate >/dev/full: exit 1" ||
    fail "validate >/dev/full exited $status: $(cat "$tmp/stderr")"
status=0; "$carecast" run "$scenario" -o "$tmp/full_stdout.nc" --progress none >/dev/full 2>"$tmp/stderr" || status=$?
[[ $status -eq 1 && ! -e $tmp/full_stdout.nc ]] && ok "run >/dev/full: exit 1 and no output file" ||
    fail "run >/dev/full exited $status (output file present: $([[ -e $tmp/full_stdout.nc ]] && echo yes || echo no))"
status=0; "$carecast" compare "$good" "$good" >/dev/full 2>"$tmp/stderr" || status=$?
[[ $status -eq 1 ]] && ok "compare >/dev/full: exit 1" || fail "compare >/dev/full exited $status"
status=0; "$carecast" validate "$scenario" >&- 2>"$tmp/stderr" || status=$?
[[ $status -eq 1 ]] && grep -q "standard output is closed" "$tmp/stderr" && ok "validate with stdout closed: exit 1" ||
    fail "validate with stdout closed exited $status: $(cat "$tmp/stderr")"

# --- Reading what it should not: data paths outside the scenario's folder, devices, file contents.
sed -e 's|data/cd_base_mid2016_syoa_sex.csv|/proc/self/environ|' "$tmp/case/s.txtpb" >"$tmp/case/environ.txtpb"
SECRET_MARKER=do-not-print expect 1 "is outside the folders data files may be read from" \
    "$carecast" validate "$tmp/case/environ.txtpb" && ok "a data path outside the scenario's folder is refused"
grep -q "do-not-print" "$tmp/stderr" && fail "the environment was printed"
printf '\ndata_root: "/"\n' >>"$tmp/case/environ.txtpb"
SECRET_MARKER=do-not-print expect 1 "not a regular file|missing column" "$carecast" validate "$tmp/case/environ.txtpb" &&
    ok "/proc/self/environ, even when allowed, is not echoed"
grep -q "do-not-print" "$tmp/stderr" && fail "the environment was printed: $(cat "$tmp/stderr")"
sed -e 's|data/cd_base_mid2016_syoa_sex.csv|/dev/zero|' "$tmp/case/s.txtpb" >"$tmp/case/zero.txtpb"
printf '\ndata_root: "/"\n' >>"$tmp/case/zero.txtpb"
expect 1 "/dev/zero.*not a regular file" "$carecast" validate "$tmp/case/zero.txtpb" && ok "a device as data file is refused"
{ printf 'root:$6$saltsaltsalt$hashhashhashhashhashhashhashhash:19000:0:99999:7:::\n'; cat "$base"; } >"$tmp/case/data/shadow.csv"
sed -e 's|data/cd_base_mid2016_syoa_sex.csv|data/shadow.csv|' "$tmp/case/s.txtpb" >"$tmp/case/shadow.txtpb"
expect 1 "missing column" "$carecast" validate "$tmp/case/shadow.txtpb" && ok "a wrong header is shown cut"
grep -q "hashhashhashhash" "$tmp/stderr" && fail "a whole header line was printed: $(cat "$tmp/stderr")"

# --- Own files read back: a CSV with a UTF-8 byte-order mark (as Excel and carecast export write).
{ printf '\xEF\xBB\xBF'; cat "$tmp/base.orig"; } >"$base"
expect 0 "" "$carecast" validate "$tmp/case/s.txtpb" && ok "a CSV with a byte-order mark is read"
cp "$tmp/base.orig" "$base"

# --- Trusting files it did not check: altered, NaN-filled run files are refused by every reader.
python=${PYTHON:-python3}
if "$python" -c "import netCDF4" 2>/dev/null; then
    cp "$good" "$tmp/altered.nc"
    "$python" - "$tmp/altered.nc" <<'PY'
import sys, netCDF4
with netCDF4.Dataset(sys.argv[1], "a") as d:
    v = d.variables["population"]
    v[0, 0, 0, 0, 0] = v[0, 0, 0, 0, 0] + 1
PY
    cp "$good" "$tmp/nan.nc"
    "$python" - "$tmp/nan.nc" <<'PY'
import sys, math, netCDF4
with netCDF4.Dataset(sys.argv[1], "a") as d:
    v = d.variables["population_summary"]
    v[:] = math.nan
PY
    for f in altered nan; do
        expect 1 "$f.nc.*(results_digest|does not match)" "$carecast" verify "$tmp/$f.nc" && ok "verify refuses the $f file"
        expect 1 "$f.nc: refusing to use this file" "$carecast" compare "$good" "$tmp/$f.nc" && ok "compare refuses the $f file"
        expect 1 "$f.nc: refusing to use this file" "$carecast" export "$tmp/$f.nc" --csv "$tmp/csv-$f" && ok "export refuses the $f file"
        expect 1 "$f.nc: refusing to use this file" "$carecast" report "$tmp/$f.nc" -o "$tmp/r-$f.html" && ok "report refuses the $f file"
        expect 1 "$f.nc: refusing to use this file" "$carecast" merge "$tmp/$f.nc" -o "$tmp/m-$f.nc" && ok "merge refuses the $f file"
    done
    expect 0 "" "$carecast" verify "$good" && ok "verify accepts a good file"
else
    echo "SKIPPED (part): altering a file needs Python's netCDF4 (Debian package python3-netcdf4)"
fi

if [[ $failures -gt 0 ]]; then
    echo "$failures check(s) failed" >&2
    exit 1
fi
echo "OK: every fault class ended cleanly"
