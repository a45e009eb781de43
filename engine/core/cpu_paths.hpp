#pragma once
// The code paths chosen from the CPU (AVX-512 Philox blocks, compaction a vector at a time, popcnt in the
// partner remap, the step's sweeps over runs of people) and their portable twins give the same results
// bit for bit. CARECAST_CPU_PATHS=portable in the environment makes a run take the portable ones on any
// CPU, so that a machine with the instructions can check them end to end
// (tests/end_to_end/reproducibility.sh compares the digests).

namespace carecast {

/// Whether CARECAST_CPU_PATHS is "portable" (read once per process).
bool portable_paths_forced();

/// Which twin a feature takes.
enum class CpuPath { portable, avx512 };
/// The path of a feature whose AVX-512 twin needs what `cpu_has` says this CPU has: that twin, unless
/// CARECAST_CPU_PATHS=portable.
inline CpuPath cpu_path(bool cpu_has) {
    return cpu_has && !portable_paths_forced() ? CpuPath::avx512 : CpuPath::portable;
}
const char* to_string(CpuPath path);

}  // namespace carecast
