#!/usr/bin/env bash
# Set-up in one command on a fresh Debian 12 machine:
#   tools/setup.sh run    install what is missing, build, and project the County Durham baseline
#   tools/setup.sh test   install what is missing, build, and run every test through ctest
# Only Debian packages are installed; nothing is downloaded at build or run time.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-}
if [[ $mode != run && $mode != test ]]; then
    echo "usage: tools/setup.sh run|test" >&2
    exit 2
fi

packages=(build-essential cmake pkg-config git
          libboost-program-options-dev libboost-random-dev libtbb-dev
          libhdf5-dev zlib1g-dev libprotobuf-dev protobuf-compiler catch2 librandom123-dev libxlsxwriter-dev
          openmpi-bin libopenmpi-dev)  # MPI is optional to build; `carecast batch` uses it under mpirun
if [[ $mode == test ]]; then
    # Readers the tests open the output with: ncdump and xarray (h5netcdf and netCDF4 engines).
    packages+=(netcdf-bin python3 python3-numpy python3-xarray python3-h5netcdf python3-netcdf4)
    # The report in a real browser (ctest label browser) and the workbook read back (optional reader).
    packages+=(chromium python3-openpyxl)
    # tools/slurm/ against a real Slurm (ctest label slurm): a private single-node Slurm and its munge,
    # started and stopped by the test itself (as root; skipped otherwise).
    packages+=(slurm-wlm munge)
    # Sanitizer builds and fuzzing (tools/sanitize.sh, tools/fuzz.sh): clang and its runtimes.
    packages+=(clang-14 libclang-rt-14-dev)
fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "Installing: ${missing[*]}"
    sudo=""
    [[ $(id -u) -eq 0 ]] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

build=${CARECAST_BUILD_DIR:-build}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release
cmake --build "$build" -j"$(nproc)"

if [[ $mode == run ]]; then
    mkdir -p results
    # A new file per run: an earlier result is never overwritten.
    output="results/county_durham_baseline-$(date +%Y%m%d-%H%M%S).nc"
    "$build/carecast" run scenarios/county_durham_baseline.txtpb -o "$output"
    echo "Open it with: ncdump -h $output   or   python3 -c 'import xarray; print(xarray.open_dataset(\"$output\"))'"
else
    cd "$build"
    ctest --output-on-failure -j"$(nproc)"
fi
