#!/usr/bin/env bash
# Checks that the folders of engine/ form layers: a file may include headers of its own folder and of
# folders in lower layers, never of a higher layer or of another folder in its own layer. Run by ctest
# ("layers: no include goes up"); docs/architecture.md explains the order.
#
#   tools/check_layers.sh [ENGINE_DIR]     (default: the engine/ folder next to this script's folder)
#
# Exit 0 when every `#include "folder/..."` line respects the layers; 1 with one line per violation
# (file:line: message), including includes of a folder that is not listed below.
set -euo pipefail

engine_dir=${1:-"$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/engine"}

# The layers, lowest first. Folders on one line are peers: neither may include the other.
# `carecast` is generated code (protobuf messages, version.hpp), usable from every layer.
layers=(
    "carecast"
    "core"
    "io output"
    "observed"
    "scenario"
    "demography"
    "cohorts"
    "sim"
    "finance"
    "results"
    "batch derive report"
    "cli"
)

declare -A rank
for i in "${!layers[@]}"; do
    for folder in ${layers[$i]}; do rank[$folder]=$i; done
done

status=0
while IFS= read -r -d '' file; do
    relative=${file#"$engine_dir"/}
    folder=${relative%%/*}
    if [[ $relative != */* ]]; then continue; fi  # engine/CMakeLists.txt and the like
    if [[ -z ${rank[$folder]+x} ]]; then
        echo "$file:1: error: folder '$folder' is not in a layer of tools/check_layers.sh" >&2
        status=1
        continue
    fi
    line_number=0
    while IFS= read -r line; do
        line_number=$((line_number + 1))
        [[ $line =~ ^[[:space:]]*#[[:space:]]*include[[:space:]]*\"([^\"/]+)/[^\"]*\" ]] || continue
        target=${BASH_REMATCH[1]}
        [[ $target == "$folder" ]] && continue
        if [[ -z ${rank[$target]+x} ]]; then
            echo "$file:$line_number: error: includes folder '$target', which is not in a layer of tools/check_layers.sh" >&2
            status=1
        elif (( rank[$target] >= rank[$folder] )); then
            echo "$file:$line_number: error: $folder (layer $((rank[$folder]))) includes $target (layer $((rank[$target]))): ${line#*#include }" >&2
            status=1
        fi
    done < "$file"
done < <(find "$engine_dir" -type f \( -name '*.hpp' -o -name '*.cpp' -o -name '*.hpp.in' -o -name '*.h' \) -print0 | sort -z)

if (( status == 0 )); then echo "layers: every include of $engine_dir goes down a layer or stays in its folder"; fi
exit $status
