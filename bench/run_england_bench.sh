#!/usr/bin/env bash
# England benchmark (issue 10, item 5): every upper-tier council in one run, one replicate, base year to
# base + 20, at 2 threads and at 1 thread. Targets: under 90 s wall and under 6 GB peak resident memory
# at 2 threads; results bit-identical at 1 and 2 threads (results_digest). Never a timed test.
#
#   bench/run_england_bench.sh                    # uses build/carecast; about 2 x 1.5 minutes plus setup
#   CARECAST=/path/carecast THREADS="2" bench/run_england_bench.sh
#   SCENARIO=/path/england.txtpb bench/run_england_bench.sh   # an England scenario of your own
#
# Without SCENARIO it writes one with `carecast init england` (every council at mid-2020 with its own
# levels and migration: what a user runs). Prints wall time, CPU time per person-year and peak RSS (from /usr/bin/time -v) per run;
# paste them into bench/RESULTS.md. Exits 1 if a target is missed (BENCH_ENFORCE=0: exit 0) or if the
# digests differ.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CARECAST=${CARECAST:-$ROOT/build/carecast}
THREADS=${THREADS:-2 1}
WORK=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/carecast-england.XXXXXX")}
[[ -x "$CARECAST" ]] || { echo "run_england_bench.sh: no executable $CARECAST (build first)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "run_england_bench.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
if [[ -z "${SCENARIO:-}" ]]; then
  "$CARECAST" init england -o "$WORK/scenario" > "$WORK/init.txt"
  SCENARIO=$WORK/scenario/england_baseline.txtpb
fi

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB;" \
     "carecast $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "scenario: $SCENARIO"
status=0
declare -A digest
for t in $THREADS; do
  out=$WORK/england_t$t.nc
  rm -f "$out"
  log=$WORK/time_t$t.txt
  echo "+ carecast run $SCENARIO -o $out --threads $t --replicates 1 --quiet"
  /usr/bin/time -v "$CARECAST" run "$SCENARIO" -o "$out" --threads "$t" --replicates 1 --quiet \
    > "$WORK/run_t$t.txt" 2> "$log" || { cat "$log" >&2; exit 1; }
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
  user=$(sed -n 's/.*User time (seconds): //p' "$log")
  sys=$(sed -n 's/.*System time (seconds): //p' "$log")
  rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
  digest[$t]=$(sed -n 's/^wrote .*(\(.*\))$/\1/p' "$WORK/run_t$t.txt")
  # People in the base year: the scenario's base_population_csv (area,year,age,sex,population).
  base_csv=$(dirname "$SCENARIO")/$(sed -n 's/^ *base_population_csv: *"\(.*\)".*/\1/p' "$SCENARIO" | head -1)
  people=$(awk -F, '!/^#/ && $1 != "area" { s += $5 } END { print s + 0 }' "$base_csv" 2>/dev/null || echo 0)
  person_years=$(awk -v p="$people" 'BEGIN { print p * 20 }')
  cpu_ns=$(awk -v u="$user" -v s="$sys" -v py="$person_years" 'BEGIN { if (py > 0) printf "%.1f", (u + s) * 1e9 / py; else print "?" }')
  printf 'threads %s: wall %.1f s, CPU %.1f s (user %s, sys %s), %s ns CPU per person-year (%s people x 20 years), peak RSS %.2f GB, output %s MB, digest %s\n' \
    "$t" "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN{print u+s}')" "$user" "$sys" "$cpu_ns" "$people" \
    "$(awk -v k="$rss_kb" 'BEGIN { print k / 1048576 }')" "$(du -m "$out" | cut -f1)" "${digest[$t]}"
  if [[ "$t" == 2 ]]; then
    awk -v w="$wall" 'BEGIN { exit !(w < 90) }' || { echo "MISSED: wall $wall s >= 90 s"; status=1; }
    awk -v k="$rss_kb" 'BEGIN { exit !(k < 6 * 1048576) }' || { echo "MISSED: peak RSS >= 6 GB"; status=1; }
  fi
done
if [[ -n "${digest[1]:-}" && -n "${digest[2]:-}" ]]; then
  if [[ "${digest[1]}" == "${digest[2]}" ]]; then echo "bit-identical at 1 and 2 threads: yes"; else echo "DIFFERENT at 1 and 2 threads"; status=1; fi
fi
echo "outputs in $WORK"
[[ "${BENCH_ENFORCE:-1}" == 0 ]] && exit 0
exit $status
