#!/usr/bin/env bash
# Checks C++ files against the committed .clang-format with clang-format-14 (--dry-run -Werror): by
# default the files changed relative to a base ref (committed, staged or not, and new untracked files),
# or every C++ file of the tree with --all. It changes nothing; `clang-format-14 -i FILE` fixes a file.
#
#   tools/check_format.sh [--base REF] [--all]
#
# REF defaults to origin/main, else main; the files compared are those changed since the merge base of
# REF and HEAD. Exit 0 when every file checked is formatted, 1 when one is not (clang-format names the
# lines), 2 on a usage error, 77 (skipped, as ctest counts it) when clang-format-14 or git is missing or
# no base ref exists.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

base="" all=0
while (($#)); do
    case $1 in
        --all) all=1 ;;
        --base) base=${2:?--base needs a ref}; shift ;;
        -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "check_format.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
    shift
done

clang_format=$(command -v clang-format-14 || true)
if [[ -z $clang_format ]]; then
    echo "check_format.sh: skipped: clang-format-14 is not installed (Debian package clang-format-14)"
    exit 77
fi
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    echo "check_format.sh: skipped: not a git checkout"
    exit 77
fi

# C++ sources of the project (generated code lives in the build directory and is never listed).
is_cpp() { [[ $1 =~ \.(cpp|hpp|h|cc)$ && $1 =~ ^(engine|tests|tools|bench|fuzz)/ ]]; }

files=()
if ((all)); then
    while IFS= read -r f; do is_cpp "$f" && files+=("$f"); done < <(git ls-files)
else
    if [[ -z $base ]]; then
        for candidate in origin/main main; do
            if git rev-parse --verify --quiet "$candidate^{commit}" >/dev/null; then base=$candidate; break; fi
        done
    fi
    if [[ -z $base ]] || ! git rev-parse --verify --quiet "$base^{commit}" >/dev/null; then
        echo "check_format.sh: skipped: no base ref (origin/main or main); give one with --base or use --all"
        exit 77
    fi
    merge_base=$(git merge-base "$base" HEAD)
    while IFS= read -r f; do
        [[ -f $f ]] && is_cpp "$f" && files+=("$f")
    done < <({ git diff --name-only --diff-filter=ACMR "$merge_base"; git ls-files --others --exclude-standard; } | sort -u)
fi

if ((${#files[@]} == 0)); then
    echo "check_format.sh: no C++ files to check${base:+ (none changed since $base)}"
    exit 0
fi
if "$clang_format" --style=file --dry-run -Werror "${files[@]}"; then
    echo "check_format.sh: ${#files[@]} file(s) formatted as .clang-format says${base:+ (changed since $base)}"
else
    echo "check_format.sh: files above are not formatted; fix with: clang-format-14 -i FILE" >&2
    exit 1
fi
