#!/usr/bin/env bash
# browser: the report in a real browser. Renders a run's report and a what-if comparison report with
# headless Chromium and checks that the page logged nothing to the console (no errors, no blocked
# requests: the page's Content-Security-Policy forbids any network access), that every chart drew
# content (the page's own check sets data-chart-check="ok" on <html>), and saves screenshots.
# With OBSERVED.txtpb (a scenario with an `observed` section), also its report: the published figures
# must be drawn as markers, every one inside its chart.
#   usage: browser_report.sh CARECAST BASE.txtpb WHATIF.txtpb [OBSERVED.txtpb]   (env CHROMIUM, SCREENSHOT_DIR)
# Exits 77 (ctest: skipped) when Chromium is absent.
set -euo pipefail
chromium=${CHROMIUM:-/usr/bin/chromium}
if [[ ! -x $chromium ]]; then
    echo "SKIP: $chromium not found (Debian package chromium)"
    exit 77
fi
source "$(dirname "$0")/../support/e2e_common.sh"
e2e_setup browser_report "$1" "$2"
whatif=$(realpath "$3")
observed=${4:+$(realpath "$4")}
shots=${SCREENSHOT_DIR:-$tmp}
mkdir -p "$shots"
fail() { echo "FAIL: $*" >&2; exit 1; }

cd "$tmp"
"$carecast" run "$scenario" -o base.nc -q
"$carecast" run "$whatif" -o whatif.nc -q
"$carecast" report base.nc -o report.html
"$carecast" report whatif.nc --compare base.nc -o compare.html
pages=(report compare)
if [[ -n $observed ]]; then
    "$carecast" run "$observed" -o observed.nc -q
    "$carecast" report observed.nc -o observed.html
    pages+=(observed)
fi

flags=(--headless=new --disable-gpu --hide-scrollbars --user-data-dir="$tmp/profile" --enable-logging=stderr --v=0)
[[ $(id -u) -ne 0 ]] || flags+=(--no-sandbox)  # Chromium refuses to run as root with its sandbox

for page in "${pages[@]}"; do
    timeout 120 "$chromium" "${flags[@]}" --dump-dom "file://$tmp/$page.html" >"$page.dom" 2>"$page.log" ||
        { cat "$page.log" >&2; fail "$page: Chromium failed"; }
    if grep -q 'CONSOLE' "$page.log"; then
        grep 'CONSOLE' "$page.log" >&2
        fail "$page: the page wrote to the console"
    fi
    root=$(grep -m1 -o '<html[^>]*>' "$page.dom") || fail "$page: no <html> in the rendered DOM"
    charts=$(sed -n 's/.* data-charts="\([0-9]*\)".*/\1/p' <<<"$root")
    drawn=$(sed -n 's/.* data-charts-drawn="\([0-9]*\)".*/\1/p' <<<"$root")
    [[ $root == *'data-chart-check="ok"'* ]] || fail "$page: chart check did not pass: $root"
    [[ $root != *data-script-error* ]] || fail "$page: script error: $root"
    [[ -n $charts && $charts -gt 5 && $charts == "$drawn" ]] || fail "$page: $drawn of $charts charts drew content"
    if grep -q 'data-drawn="no"' "$page.dom"; then fail "$page: a chart drew nothing"; fi
    echo "$page: $drawn of $charts charts drew content; console empty"
    if [[ $page == observed ]]; then
        points=$(sed -n 's/.* data-points="\([0-9]*\)".*/\1/p' <<<"$root")
        inside=$(sed -n 's/.* data-points-drawn="\([0-9]*\)".*/\1/p' <<<"$root")
        [[ -n $points && $points -ge 25 && $points == "$inside" ]] ||
            fail "$page: $inside of $points published markers drawn inside their charts"
        echo "$page: $inside of $points published markers drawn inside their charts"
    fi

    timeout 120 "$chromium" "${flags[@]}" --window-size=1400,3200 --screenshot="$shots/$page.png" \
        "file://$tmp/$page.html" >/dev/null 2>"$page.shot.log" || { cat "$page.shot.log" >&2; fail "$page: no screenshot"; }
    [[ $(head -c 8 "$shots/$page.png" | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]] || fail "$page.png is not a PNG"
    [[ $(stat -c %s "$shots/$page.png") -gt 20000 ]] || fail "$page.png is suspiciously small"
    echo "$page: screenshot $shots/$page.png"
done
echo "browser: all checks passed"
