# Sourced by the end-to-end test scripts. `e2e_setup NAME CARECAST SCENARIO` checks the arguments,
# sets $carecast and $scenario to absolute paths and $tmp to a fresh directory removed on exit.
e2e_setup() {
    # Set by CMake when ncdump or Python's netCDF readers are missing (tests/CMakeLists.txt).
    if [[ -n ${CARECAST_MISSING_TEST_TOOLS:-} ]]; then
        echo "SKIPPED: this test needs $CARECAST_MISSING_TEST_TOOLS; \`tools/setup.sh test\` installs them"
        exit 77
    fi
    if [[ $# -ne 3 ]]; then
        echo "usage: $0 CARECAST SCENARIO.txtpb" >&2
        exit 2
    fi
    carecast=$(realpath "$2")
    scenario=$(realpath "$3")
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/carecast-$1.XXXXXX")
    trap 'rm -rf "$tmp"' EXIT
}
