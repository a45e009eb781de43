#!/usr/bin/env bash
# Two builds of carecast_bench compared on a machine whose speed drifts: RUNS runs of each, interleaved
# (A B A B ...), so both meet the same fast and slow stretches; then the minimum, lower quartile and
# median of each one's CPU seconds, and their ratios. On this project's 2-vCPU VM a calm stretch spreads
# one binary's runs over about 2%, so differences of 1-3% show, which single pairs of runs cannot show.
# Also checks that both give the same result digest (a change meant to keep results must keep them).
#
#   bench/ab_interleaved.sh OLD/carecast_bench NEW/carecast_bench
#   RUNS=20 SCALE=2 THREADS=1 SCENARIO=scenarios/county_durham_baseline.txtpb bench/ab_interleaved.sh A B
#
# Each run is one fresh process, one replicate (`--repeat 1`), about 1.7 s for County Durham x2 here.
# Exit status: 0, or 1 if the digests differ or a run fails, 2 on a usage error.
set -euo pipefail

if [[ ${1:-} == -h || ${1:-} == --help ]]; then
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
    exit 0
fi
if [[ $# -ne 2 || ! -x $1 || ! -x $2 ]]; then
    echo "usage: $0 A/carecast_bench B/carecast_bench (both executable)" >&2
    exit 2
fi
a=$1
b=$2
runs=${RUNS:-20}
scale=${SCALE:-2}
threads=${THREADS:-1}
scenario=${SCENARIO:-scenarios/county_durham_baseline.txtpb}
if ! [[ $runs =~ ^[1-9][0-9]*$ && $scale =~ ^[1-9][0-9]*$ && $threads =~ ^[0-9]+$ ]]; then
    echo "$0: RUNS and SCALE must be positive whole numbers, THREADS a whole number" >&2
    exit 2
fi
if [[ ! -f $scenario ]]; then
    echo "$0: no scenario file $scenario (run from the repository's root, or set SCENARIO)" >&2
    exit 2
fi

# One run of binary $1: prints "cpu_seconds digest".
run_once() {
    local line
    line=$("$1" --scenario "$scenario" --scale "$scale" -r 1 -t "$threads" --repeat 1 2>&1 | grep '^RESULT') || {
        echo "$0: $1 failed" >&2
        return 1
    }
    local cpu digest
    cpu=$(grep -o 'cpu_seconds=[0-9.]*' <<<"$line" | cut -d= -f2)
    digest=$(grep -o 'digest=[^ ]*' <<<"$line" | cut -d= -f2)
    echo "$cpu $digest"
}

declare -a cpu_a cpu_b
digest_a="" digest_b=""
for ((k = 0; k < runs; ++k)); do
    read -r cpu digest_a < <(run_once "$a")
    cpu_a+=("$cpu")
    read -r cpu digest_b < <(run_once "$b")
    cpu_b+=("$cpu")
done

# "minimum lower-quartile median" of the numbers given.
quartiles() {
    printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {printf "%s %s %s\n", v[1], v[int(NR / 4) + 1], v[int(NR / 2) + 1]}'
}
read -r min_a q1_a med_a < <(quartiles "${cpu_a[@]}")
read -r min_b q1_b med_b < <(quartiles "${cpu_b[@]}")

echo "$scenario x$scale, $threads thread(s), $runs runs each, interleaved; CPU seconds:"
printf '%-10s %10s %10s %10s  %s\n' "" minimum "lower q." median binary
printf '%-10s %10s %10s %10s  %s\n' A "$min_a" "$q1_a" "$med_a" "$a"
printf '%-10s %10s %10s %10s  %s\n' B "$min_b" "$q1_b" "$med_b" "$b"
awk -v a1="$min_a" -v a2="$q1_a" -v a3="$med_a" -v b1="$min_b" -v b2="$q1_b" -v b3="$med_b" \
    'BEGIN {printf "%-10s %+9.1f%% %+9.1f%% %+9.1f%%\n", "B vs A", 100 * (b1 / a1 - 1), 100 * (b2 / a2 - 1), 100 * (b3 / a3 - 1)}'
echo "RESULT runs=$runs scale=$scale threads=$threads a_min=$min_a a_q1=$q1_a a_median=$med_a b_min=$min_b b_q1=$q1_b b_median=$med_b digest_a=$digest_a digest_b=$digest_b"
if [[ $digest_a != "$digest_b" ]]; then
    echo "$0: the results differ (digests $digest_a and $digest_b)" >&2
    exit 1
fi
