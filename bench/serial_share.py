#!/usr/bin/env python3
"""Serial time of a run on several threads, from `perf script -F tid,time,ip,sym` (bench/serial_share.sh).

Cuts the run, from its first sample inside carecast::simulate, into bins of BIN_MS milliseconds and counts
the samples of the bins in which one thread alone was sampled: time when the other threads had nothing
to do (a serial step, the tail of a parallel loop) or were not running. With perf sampling each thread
FREQ times a second, a bin of 2 ms at 2000 Hz holds about 4 samples of every busy thread, so a busy
thread is rarely missed. Prints that share, its seconds, and the call paths it was spent in, each named
by the frames just below the step that runs it (advance_one_year, simulate_replicate,
initialise_cohort_states) or, outside them, by the innermost frames.
"""
import argparse
import collections
import re
import sys

STEPS = ("advance_one_year", "simulate_replicate", "initialise_cohort_states")


def samples(path):
    """(thread, seconds, frames innermost first) of every sample in a perf script text."""
    with open(path, errors="replace") as f:
        for chunk in f.read().split("\n\n"):
            lines = chunk.strip().split("\n")
            head = re.match(r"\s*(\d+)\s+([\d.]+):", lines[0]) if lines else None
            if not head:
                continue
            frames = []
            for line in lines[1:]:
                parts = line.strip().split(None, 1)
                if len(parts) == 2:
                    frames.append(re.sub(r"\(.*", "", parts[1].replace(" (inlined)", "")))
            yield int(head.group(1)), float(head.group(2)), frames


def short(name):
    return name.split("::")[-1][:40] or "?"


def path_of(frames):
    steps = [i for i, name in enumerate(frames) if name.endswith(STEPS)]
    if steps:
        i = steps[-1]
        return " < ".join(short(n) for n in frames[max(0, i - 4) : i + 1])
    return " < ".join(short(n) for n in frames[:5])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("perf_script", help="output of perf script -F tid,time,ip,sym")
    parser.add_argument("--bin-ms", type=float, default=2.0)
    parser.add_argument("--top", type=int, default=12)
    args = parser.parse_args()
    every = list(samples(args.perf_script))
    inside = [t for _, t, frames in every if any(n.endswith("carecast::simulate") for n in frames)]
    if not inside:
        sys.exit("serial_share.py: no sample inside carecast::simulate (were call stacks recorded with --call-graph dwarf?)")
    start = min(inside)
    bins = collections.defaultdict(lambda: collections.defaultdict(list))
    for thread, t, frames in every:
        if t >= start:
            bins[int((t - start) * 1000 / args.bin_ms)][thread].append(frames)
    total = sum(len(stacks) for b in bins.values() for stacks in b.values())
    paths = collections.Counter()
    for b in bins.values():
        if len(b) == 1:
            for frames in next(iter(b.values())):
                paths[path_of(frames)] += 1
    alone = sum(paths.values())
    end = max(t for _, t, _ in every)
    threads = len({thread for thread, t, _ in every if t >= start})
    print(f"from the first sample in simulate: {end - start:.2f} s wall, {total} samples on {threads} threads")
    print(f"samples in {args.bin_ms:g} ms bins with one thread alone: {alone} ({100.0 * alone / max(total, 1):.1f}%)")
    for path, count in paths.most_common(args.top):
        print(f"  {count:6d}  {path}")
    print(f"RESULT serial_samples={alone} samples={total} serial_share={100.0 * alone / max(total, 1):.2f}")


if __name__ == "__main__":
    main()
