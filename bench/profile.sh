#!/usr/bin/env bash
# Where carecast's time goes, by phase of the yearly step: a profile you can repeat (issue 15 item 3).
#
# Builds carecast_bench (Release flags plus -g, in its own build directory), measures its CPU ns per
# person-year without the profiler (median of REPEAT runs, each in a fresh process), then samples one run
# with perf and prints, per configuration, a table
#     phase | % of simulate CPU | ns per person-year
# where ns per person-year = the phase's share of the samples inside `simulate` x the measured CPU ns per
# person-year. Configurations: full (scenarios/county_durham_baseline.txtpb, every cohort module) and
# demography (scenarios/checks/county_durham_demography_only.txtpb); REPLICATES (1) replicates, 1 thread.
# Paste the tables into bench/RESULTS.md.
#
#   bench/profile.sh                      # both configurations: 2-3 minutes plus the build
#   CONFIGS=full bench/profile.sh         # one configuration (full or demography)
#   KEEP=/tmp/prof bench/profile.sh       # keep perf.data and the perf script texts there
#   BUILD_DIR=/tmp/b FREQ=4000 REPEAT=5 bench/profile.sh
#   bench/profile.sh --classify KEPT/full.no-inline.txt KEPT/full.txt 200   # again, from KEEP's texts
#
# How it samples: perf with the software event cpu-clock (this VM has no hardware counters) at FREQ
# (1000) samples per second, call stacks unwound from DWARF (a copy of STACK = 16384 bytes of stack per
# sample), because Release builds omit frame pointers and libtbb has none either. The build adds -g to
# the Release flags (-O3 -DNDEBUG -g): GCC generates the same code with or without -g, and the debug
# information lets perf name inlined functions (own_year's modules, Philox), which are invisible in a
# build without it. BENCH=path profiles another binary; without -g its inlined phases fall into the
# phase that calls them and the Philox rows read 0.
#
# How samples become phases: a sample belongs to the outermost phase function on its call stack below
# `carecast::simulate` (inclusive time, "children", not self): the phases are disjoint subtrees of
# simulate, so their shares add up to 100% with "other" (samples under none of them: the self time of
# advance_one_year and simulate_replicate, sorting the people whose partnerships change, the results'
# bookkeeping). A phase includes the person loop that calls it (pass 1: the loop around own_year). Names
# are perf's demangled ones, matched exactly up to the argument list, so a module's own hook (e.g.
# carecast::NeedModule::own_year) never matches a phase's name; inlined frames are named from the debug
# information, often without their namespace (compact), so for those the last part of a name matches.
# The two person loops (pass 1, pass 2) are told apart by their lambda numbers, which only the real
# (not inlined) symbols carry: perf script runs twice on the same samples, with and without inlined
# frames. "of which Philox" is the samples of a phase with a Random123 frame (inlined) or one of
# core/philox_batch.cpp's entry points on the stack: Philox's own instructions, wherever they are called
# from. Samples outside simulate (loading the
# scenario, the parent process) are not counted.
#
# Exits 3 if perf is missing or may not record here, 2 if the build or a run fails.
set -euo pipefail

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }
classify=()
case "${1:-}" in
    -h | --help) usage; exit 0 ;;
    --classify) [[ $# == 4 ]] || { echo "profile.sh: --classify NO_INLINE_TEXT INLINE_TEXT NS_PER_PY" >&2; exit 2; }
        classify=("$2" "$3" "$4") ;;
    "") ;;
    *) echo "profile.sh: unknown argument '$1' (settings are environment variables; see --help)" >&2; exit 2 ;;
esac

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build-profile}
CONFIGS=${CONFIGS:-full demography}
FULL_SCENARIO=${FULL_SCENARIO:-scenarios/county_durham_baseline.txtpb}
DEMOGRAPHY_SCENARIO=${DEMOGRAPHY_SCENARIO:-scenarios/checks/county_durham_demography_only.txtpb}
REPLICATES=${REPLICATES:-1}
REPEAT=${REPEAT:-3}
FREQ=${FREQ:-1000}
STACK=${STACK:-16384}
cd "$ROOT"

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

# phases NO_INLINE_TEXT INLINE_TEXT NS_PER_PY (two `perf script` outputs of the same samples): the phase
# table, the functions with most self time and what "other" holds.
phases() {
    awk -v ns="$3" '
    # f is function `name` itself (or one of its lambdas), up to the argument list. Inlined frames are
    # named from the debug information, often without their namespace (compact, not
    # carecast::(anonymous namespace)::compact): for those, the last part of `name` matches too.
    function is(f, name,   bare) {
        if (f == name || index(f, name "(") == 1 || index(f, name "::") == 1) return 1
        if (!inl) return 0
        bare = name
        sub(/.*::/, "", bare)
        return f == bare || index(f, bare "(") == 1 || index(f, bare "<") == 1
    }
    function phase_of(f) {
        if (is(f, "carecast::(anonymous namespace)::own_year")) return "pass1"
        if (is(f, "carecast::couples_year")) return "couples"
        if (is(f, "carecast::partnered_carers_run")) return "pass2"
        # The loops of pass 1 and pass 2 (for_each_run over a lambda of advance_one_year, around
        # own_year and partnered_carers_run, computing the decision blocks ahead): "loop", told apart after the
        # walk (see below).
        if (index(f, "for_each_run<carecast::advance_one_year") || index(f, "for_each_run<advance_one_year"))
            return "loop"
        if (is(f, "carecast::(anonymous namespace)::combine")) return "combine"
        if (is(f, "carecast::(anonymous namespace)::compact")) return "compact"
        if (is(f, "carecast::(anonymous namespace)::add_immigrants")) return "immigrants"
        if (is(f, "carecast::count_stocks")) return "stocks"
        if (is(f, "carecast::YearRates::YearRates")) return "rates"
        if (is(f, "carecast::make_population") || is(f, "carecast::initialise_cohort_states") ||
            is(f, "carecast::draw_parameter_values") || is(f, "carecast::model_for_replicate") ||
            is(f, "carecast::draw_money_shifts")) return "setup"
        return ""
    }
    # Philox4x64: the functions of Random123 (r123::Philox4x64_R<10u>::operator(), C helpers), inlined
    # where a block is computed alone, and core/philox_batch.cpp, which computes the blocks ahead (its
    # AVX-512 rounds, philox_lanes, are inlined into the two out-of-line entry points matched here; their
    # only other work is queueing the people and storing the blocks).
    function is_philox(f) {
        return index(f, "r123::") == 1 || f ~ /^(philox4x64_R|_philox4x64round|_philox4x64bumpkey|mulhilo64)$/ ||
               f ~ /^carecast::detail::(first_blocks|decision_blocks_together)_(avx512|one_at_a_time)$/
    }
    BEGIN { RS = ""; FS = "\n" }
    # First file (perf script --no-inline: the same samples in the same order): the lambda number of
    # the person loop a sample is in, from the real symbol of the loop (GCC numbers the lambdas of
    # advance_one_year in order, so pass 1 has the smaller: resolve_loops). Inlined names carry none.
    FILENAME == ARGV[1] {
        if (match($0, /for_each_run<carecast::advance_one_year[^\n]*\{lambda\(unsigned long, unsigned long, carecast::Tally&\)#[0-9]+\}/)) {
            lambda = substr($0, RSTART, RLENGTH)
            sub(/.*#/, "", lambda)
            sub(/\}$/, "", lambda)
            loop_of[FNR] = lambda
        }
        next
    }
    {
        total++
        n = 0
        for (i = 2; i <= NF; i++) {  # frames, innermost first
            f = $i
            sub(/^[[:space:]]*[0-9a-f]+[[:space:]]+/, "", f)
            inlined[n + 1] = sub(/ \(inlined\)$/, "", f)
            sub(/\+0x[0-9a-f]+$/, "", f)
            frame[++n] = f
        }
        if (n == 0) next
        if (frame[n] !~ /^(_start|main|__libc_start_call_main|__libc_start_main.*|clone3?|start_thread)$/ &&
            frame[n] != "[unknown]") truncated++
        inside = 0; ph = ""; philox = 0; carers = 0
        for (i = n; i >= 1; i--) {  # outermost first
            f = frame[i]
            inl = inlined[i]
            if (!inside) { if (is(f, "carecast::simulate")) inside = 1; continue }
            if (ph == "") ph = phase_of(f)
            if (is_philox(f)) philox = 1
            if (is(f, "carecast::partnered_carers_run")) carers = 1
        }
        if (!inside) next
        if (ph == "loop") ph = (FNR in loop_of) ? "each#" loop_of[FNR] : (carers ? "pass2" : "pass1")
        if (ph == "") ph = "other"
        sim++
        count[ph]++
        if (philox) { philox_all++; philox_in[ph]++ }
        self[frame[1]]++
        if (ph == "other") other_self[frame[1]]++
    }
    # each#N: the smallest N is pass 1, any other pass 2.
    function resolve_loops(   k, n, first) {
        first = -1
        for (k in count) if (k ~ /^each#/) { n = substr(k, 6) + 0; if (first < 0 || n < first) first = n }
        for (k in count) if (k ~ /^each#/) {
            to = (substr(k, 6) + 0 == first) ? "pass1" : "pass2"
            count[to] += count[k]; philox_in[to] += philox_in[k]
            delete count[k]; delete philox_in[k]
        }
    }
    function row(label, k) {
        printf "| %s | %.1f | %.1f |\n", label, 100 * k / sim, ns * k / sim
    }
    END {
        if (sim == 0) { print "profile.sh: no samples inside carecast::simulate" > "/dev/stderr"; exit 1 }
        resolve_loops()
        printf "%d samples inside simulate (of %d recorded; %d with a call stack not unwound to main)\n\n",
               sim, total, truncated
        print "| phase | % of simulate CPU | ns per person-year |"
        print "|---|---|---|"
        row("pass 1: own year (incl. modules, blocks ahead; stocks in the first year)", count["pass1"])
        row("&nbsp;&nbsp;of which Philox", philox_in["pass1"])
        row("couples matching", count["couples"])
        row("pass 2: carers", count["pass2"])
        row("combine", count["combine"])
        row("compaction", count["compact"])
        row("immigrants (incl. initialise_arrivals)", count["immigrants"])
        row("&nbsp;&nbsp;of which Philox", philox_in["immigrants"])
        row("stock counting (a sweep, for the last year only)", count["stocks"])
        row("per-year rates (YearRates)", count["rates"])
        row("per-replicate set-up (population, cohort states)", count["setup"])
        row("&nbsp;&nbsp;of which Philox", philox_in["setup"])
        row("other", count["other"])
        row("**all of simulate**", sim)
        row("Philox in all phases", philox_all)
        print ""
        print "functions with most self time inside simulate (innermost frame, inlined functions named):"
        fflush()
        sorter = "sort -rn | head -15"
        for (f in self) printf "%6.1f%%  %s\n", 100 * self[f] / sim, substr(f, 1, 150) | sorter
        close(sorter)
        print "\n\"other\" by innermost frame:"
        fflush()
        sorter = "sort -rn | head -8"
        for (f in other_self) printf "%6.1f%%  %s\n", 100 * other_self[f] / sim, substr(f, 1, 150) | sorter
        close(sorter)
    }' "$1" "$2"
}

if ((${#classify[@]})); then
    phases "${classify[@]}"
    exit
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# --- perf: present and permitted ---
if ! command -v perf >/dev/null 2>&1; then
    echo "profile.sh: perf not found: install it (Debian: apt-get install linux-perf) and re-run" >&2
    exit 3
fi
if ! perf record -q -e cpu-clock --call-graph dwarf -o "$work/check.data" -- true >"$work/check.log" 2>&1; then
    echo "profile.sh: perf may not record here (kernel.perf_event_paranoid =" \
         "$(cat /proc/sys/kernel/perf_event_paranoid 2>/dev/null || echo unknown); it must be 2 or less to" \
         "profile your own processes, or run as root). perf said:" >&2
    sed 's/^/    /' "$work/check.log" >&2
    exit 3
fi

# --- build (Release + -g, without the test suite), as bench/run_bench.sh does ---
if [[ -z "${BENCH:-}" ]]; then
    build_log="$BUILD_DIR/profile_build.log"
    mkdir -p "$BUILD_DIR"
    if [[ ! -f "$BUILD_DIR/CMakeCache.txt" ]]; then
        cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF -DCARECAST_LTO=ON \
              -DCMAKE_CXX_FLAGS_RELEASE="-O3 -DNDEBUG -g" >"$build_log" 2>&1 || { cat "$build_log" >&2; exit 2; }
    fi
    build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD_DIR/CMakeCache.txt")
    flags=$(sed -n 's/^CMAKE_CXX_FLAGS_RELEASE:[A-Z]*=//p' "$BUILD_DIR/CMakeCache.txt")
    if [[ "$build_type" != Release || " $flags " != *" -g "* ]] ||
        ! grep -q '^CARECAST_LTO:BOOL=ON$' "$BUILD_DIR/CMakeCache.txt"; then
        echo "profile.sh: $BUILD_DIR is configured as '$build_type' with '$flags', not Release with -g and" \
             "-DCARECAST_LTO=ON (as bench/run_bench.sh measures); set BUILD_DIR to another directory" >&2
        exit 2
    fi
    echo "building carecast_bench in $BUILD_DIR (log: $build_log)"
    cmake --build "$BUILD_DIR" -j"$(nproc)" --target carecast_bench >"$build_log" 2>&1 ||
        { tail -40 "$build_log" >&2; exit 2; }
    BENCH="$BUILD_DIR/carecast_bench"
fi

echo "== machine"
echo "date:      $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "cpu:       $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1), nproc $(nproc)" \
     "$(grep -qw hypervisor /proc/cpuinfo && echo '(virtual machine)')"
echo "perf:      $(perf --version), event cpu-clock at $FREQ Hz, --call-graph dwarf,$STACK"
echo "binary:    $BENCH"
echo "revision:  $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(
    [[ -z "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]] || echo ' (uncommitted changes)')"
echo "load:      $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"

for config in $CONFIGS; do
    case $config in
        full) scenario=$FULL_SCENARIO ;;
        demography) scenario=$DEMOGRAPHY_SCENARIO ;;
        *) echo "profile.sh: unknown configuration '$config' (full or demography)" >&2; exit 2 ;;
    esac
    args=("$scenario" --config "$config" --replicates "$REPLICATES" --threads 1)
    echo
    echo "== $config: $BENCH ${args[*]}"
    out=$("$BENCH" "${args[@]}" --repeat "$REPEAT") || { echo "$out"; echo "profile.sh: carecast_bench failed" >&2; exit 2; }
    result=$(grep '^RESULT ' <<<"$out")
    ns=$(field cpu_ns_per_py "$result")
    echo "not profiled: CPU ns per person-year $ns (median of $REPEAT runs), other cores busy" \
         "$(field other_cores "$result"), digest $(field digest "$result")"
    data="$work/$config.data"
    perf record -q -e cpu-clock -F "$FREQ" --call-graph "dwarf,$STACK" -m 1024 -o "$data" -- \
        "$BENCH" "${args[@]}" --repeat 1 >"$work/$config.out" 2>"$work/$config.perf.log" ||
        { cat "$work/$config.out" "$work/$config.perf.log" >&2; echo "profile.sh: perf record failed" >&2; exit 2; }
    if grep -q "lost" "$work/$config.perf.log"; then
        echo "warning: perf lost samples ($(grep -m1 lost "$work/$config.perf.log")); lower FREQ or STACK"
    fi
    echo "profiled run: CPU ns per person-year $(field cpu_ns_per_py "$(grep '^RESULT ' "$work/$config.out")")" \
         "(with perf's own overhead; not used)"
    perf script -i "$data" -F comm,tid,ip,sym --no-inline >"$work/$config.no-inline.txt" 2>"$work/$config.script.log"
    perf script -i "$data" -F comm,tid,ip,sym >"$work/$config.txt" 2>>"$work/$config.script.log"
    phases "$work/$config.no-inline.txt" "$work/$config.txt" "$ns"
    if [[ -n "${KEEP:-}" ]]; then
        mkdir -p "$KEEP"
        cp "$data" "$work/$config.no-inline.txt" "$work/$config.txt" "$KEEP/"
    fi
done
