#!/usr/bin/env bash
# CI check that the README's first command works on a machine without the test tools: runs
# `tools/setup.sh run` in a clean build directory with ncdump, Python and Chromium hidden (each is
# covered, in a private mount namespace, by a non-executable file, so neither PATH nor CMake's own
# search finds it). Needs root (or sudo) for the namespace.
#   tools/check_setup_run.sh BUILD_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: tools/check_setup_run.sh BUILD_DIR}
rm -rf "$build"
hidden=()
# Every copy on PATH (a pyenv shim as well as /usr/bin/python3), and the file each one resolves to.
for tool in ncdump python3 chromium; do
    while read -r path; do
        [[ -n $path ]] && hidden+=("$path" "$(readlink -f "$path")")
    done < <(which -a $tool 2>/dev/null || true)
done
sudo=""
[[ $(id -u) -eq 0 ]] || sudo=sudo
# shellcheck disable=SC2016
$sudo unshare --mount bash -c '
    set -euo pipefail
    for path in "${@:2}"; do mount --bind /dev/null "$path"; done
    for path in "${@:2}"; do
        if [[ ! -c $path ]]; then echo "FAIL: could not hide $path" >&2; exit 1; fi
    done
    CARECAST_BUILD_DIR=$1 tools/setup.sh run
' check "$build" "${hidden[@]}"
ls results/county_durham_baseline-*.nc >/dev/null
echo "OK: tools/setup.sh run works without the test tools"
