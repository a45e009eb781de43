#!/usr/bin/env bash
# browser: the report in a real browser. Renders a run's report and a what-if comparison report with
# headless Chromium and checks that the page logged nothing to the console (no errors, no blocked
# requests: the page's Content-Security-Policy forbids any network access), that every chart drew
# content (the page's own check sets data-chart-check="ok" on <html>), that no chart label overlaps
# another or leaves its chart and no table is cut at 1400 and 1024 pixels and at the A4 print width, that
# every chart saves as SVG and PNG, that the page prints to A4 PDF pages, and saves screenshots.
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

# Chromium starts in seconds here, so each launch does as much as it can: the page's own checks (every
# chart drew, published markers inside their charts, layout) run on every load, the layout at 1400 px, at
# 1024 px together with the save-as-SVG/PNG check, and at the A4 print width.
dump() {  # dump PAGE VIEW URL WIDTH [FLAGS...]: the rendered DOM into PAGE.VIEW.dom; prints its <html> tag
    local page=$1 view=$2 url=$3 width=$4
    shift 4
    timeout 120 "$chromium" "${flags[@]}" --window-size="$width",2000 "$@" --dump-dom "$url" >"$page.$view.dom" \
        2>"$page.$view.log" || { cat "$page.$view.log" >&2; fail "$page at $view: Chromium failed"; }
    grep -m1 -o '<html[^>]*>' "$page.$view.dom" || fail "$page at $view: no <html> in the rendered DOM"
}
for page in "${pages[@]}"; do
    url="file://$tmp/$page.html"
    for view in 1400 1024 print; do
        case $view in
            1400) root=$(dump "$page" $view "$url" 1400) ;;
            1024) root=$(dump "$page" $view "$url#export-check" 1024 --virtual-time-budget=10000) ;;
            print) root=$(dump "$page" $view "$url#print-check" 1400) ;;
        esac
        if grep -q 'CONSOLE' "$page.$view.log"; then
            grep 'CONSOLE' "$page.$view.log" >&2
            fail "$page at $view: the page wrote to the console"
        fi
        charts=$(sed -n 's/.* data-charts="\([0-9]*\)".*/\1/p' <<<"$root")
        drawn=$(sed -n 's/.* data-charts-drawn="\([0-9]*\)".*/\1/p' <<<"$root")
        [[ $root == *'data-chart-check="ok"'* ]] || fail "$page at $view: chart check did not pass: $root"
        [[ $root != *data-script-error* ]] || fail "$page at $view: script error: $root"
        [[ -n $charts && $charts -gt 5 && $charts == "$drawn" ]] ||
            fail "$page at $view: $drawn of $charts charts drew content"
        if grep -q 'data-drawn="no"' "$page.$view.dom"; then fail "$page at $view: a chart drew nothing"; fi
        # Layout, measured in the page by its own script (label boxes from getBoundingClientRect): no
        # overlapping or clipped chart labels and no cut table (#print-check: with the print styles applied).
        [[ $root == *'data-layout-check="ok"'* ]] || fail "$page at $view: layout check failed: $root"
        echo "$page at $view: $drawn of $charts charts drew content; console empty;" \
             "$(grep -o 'data-layout-width="[0-9]*"' <<<"$root"), no overlapping or clipped labels, no cut table"
        if [[ $view == 1400 && $page == observed ]]; then
            points=$(sed -n 's/.* data-points="\([0-9]*\)".*/\1/p' <<<"$root")
            inside=$(sed -n 's/.* data-points-drawn="\([0-9]*\)".*/\1/p' <<<"$root")
            [[ -n $points && $points -ge 25 && $points == "$inside" ]] ||
                fail "$page: $inside of $points published markers drawn inside their charts"
            echo "$page: $inside of $points published markers drawn inside their charts"
        fi
        if [[ $view == 1024 ]]; then
            # Each chart saves as SVG (serialised, parsed back) and PNG (drawn on a canvas), from two buttons.
            [[ $root == *"data-export-svg=\"ok $charts\""* ]] || fail "$page: charts do not all save as SVG: $root"
            [[ $root == *"data-export-buttons=\"$((2 * charts))\""* ]] || fail "$page: not two save buttons per chart: $root"
            png=$(sed -n 's/.* data-export-png="ok \([0-9]*\)".*/\1/p' <<<"$root")
            [[ -n $png && $png -gt 2000 ]] || fail "$page: a chart did not save as PNG: $root"
            echo "$page: $charts charts save as SVG; the first as a PNG of $png bytes"
        fi
    done
    # Printed to PDF: A4 pages (595 x 842 points, to a point), a plausible number of them.
    timeout 120 "$chromium" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$tmp/$page.pdf" \
        "file://$tmp/$page.html" >/dev/null 2>"$page.pdf.log" || { cat "$page.pdf.log" >&2; fail "$page: no PDF"; }
    read -r pages sizes < <(LC_ALL=C grep -a -o -E '/Type ?/Page($|[^s])|/MediaBox ?\[[^]]*\]' "$tmp/$page.pdf" |
        awk '/Type/ {n++} /MediaBox/ {gsub(/[^0-9. ]/, ""); split($0, b, " "); s[b[3] "x" b[4]]++}
             END {k = ""; for (x in s) k = k x ","; print n + 0, k}')
    [[ $pages -ge 3 && $pages -le 120 ]] || fail "$page.pdf: $pages pages"
    awk -v s="$sizes" 'BEGIN {n = split(s, a, ","); for (i = 1; i < n; i++) { split(a[i], d, "x");
        if (d[1] < 594 || d[1] > 596.5 || d[2] < 841 || d[2] > 843) exit 1 } exit n < 2}' ||
        fail "$page.pdf: pages are not A4: $sizes"
    echo "$page: printed to $pages A4 pages ($sizes)"

    timeout 120 "$chromium" "${flags[@]}" --window-size=1400,3200 --screenshot="$shots/$page.png" \
        "file://$tmp/$page.html" >/dev/null 2>"$page.shot.log" || { cat "$page.shot.log" >&2; fail "$page: no screenshot"; }
    [[ $(head -c 8 "$shots/$page.png" | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]] || fail "$page.png is not a PNG"
    [[ $(stat -c %s "$shots/$page.png") -gt 20000 ]] || fail "$page.png is suspiciously small"
    echo "$page: screenshot $shots/$page.png"
done
# The layout check can fail: the same report with chart text blown up and a table forced wider than
# the page must be caught (a check that never fails proves nothing).
sed 's|</head>|<style>svg.chart text { font-size: 40px !important; } table { min-width: 3000px; }</style></head>|' \
    report.html >broken.html
root=$(dump broken 1024 "file://$tmp/broken.html" 1024)
[[ $root == *'data-layout-check="failed"'* && $root != *'data-label-overlaps="0"'* && $root != *'data-cut="0"'* ]] ||
    fail "the layout check missed overlapping labels or a cut table: $root"
echo "broken layout: caught ($(grep -o 'data-label-overlaps="[0-9]*"' <<<"$root"), $(grep -o 'data-cut="[0-9]*"' <<<"$root"))"
echo "browser: all checks passed"
