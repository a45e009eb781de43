#include "report/html_parts.hpp"

namespace carecast::report::html {
namespace {

constexpr const char* style = R"(
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; margin: 0 auto; max-width: 1340px; padding: 0 24px 40px;
       color: #1a1a1a; line-height: 1.4; }
header { border-bottom: 3px solid #1f3f73; margin-bottom: 12px; }
h1 { font-size: 26px; margin: 18px 0 4px; color: #1f3f73; }
h2 { font-size: 20px; margin: 28px 0 8px; color: #1f3f73; border-bottom: 1px solid #ccc; padding-bottom: 4px; }
h3 { font-size: 16px; margin: 18px 0 6px; }
p.lead { font-size: 16px; margin: 4px 0 12px; }
nav a { margin-right: 14px; color: #1f3f73; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; }
th, td { border: 1px solid #d0d0d0; padding: 4px 8px; vertical-align: top; }
th { background: #eef2f8; text-align: left; }
td.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.info td:first-child { font-weight: bold; white-space: nowrap; }
table.headlines td:first-child { min-width: 220px; }
table.info td { max-width: 900px; overflow-wrap: anywhere; }
.charts { display: flex; flex-wrap: wrap; gap: 12px; }
.charts figure { margin: 0; border: 1px solid #e0e0e0; padding: 4px; background: #fff; }
.note { background: #fff8e1; border-left: 4px solid #d98b2b; padding: 6px 10px; margin: 8px 0; }
.shortfall { color: #a00000; font-weight: bold; }
.star { color: #a00000; font-weight: bold; }
pre { background: #f6f6f6; padding: 8px; font-size: 12px; overflow-x: auto; }
footer { margin-top: 30px; font-size: 12px; color: #555; }
)";

/// Checks, in the browser, that every chart drew something; the browser test reads the result from the
/// attributes it sets on <html>. The report needs no script to display.
constexpr const char* chart_check_script = R"(<script>
(function () {
  var root = document.documentElement;
  window.addEventListener('error', function (e) { root.setAttribute('data-script-error', String(e.message)); });
  var charts = document.querySelectorAll('svg.chart');
  var drawn = 0, problems = [];
  for (var i = 0; i < charts.length; i++) {
    var svg = charts[i], box = svg.getBoundingClientRect(), marks = 0;
    var elements = svg.querySelectorAll('.data path, .data rect, .data line, .data circle');
    for (var j = 0; j < elements.length; j++) {
      var b = elements[j].getBBox();
      if (b.width > 0 || b.height > 0) marks++;
    }
    var ok = box.width > 0 && box.height > 0 && marks > 0;
    svg.setAttribute('data-drawn', ok ? 'yes' : 'no');
    if (ok) drawn++; else problems.push(svg.querySelector('title').textContent);
  }
  // Published figures (markers): each must lie inside its chart's drawing area.
  var points = document.querySelectorAll('svg.chart .data circle.point'), inside = 0;
  for (var k = 0; k < points.length; k++) {
    var p = points[k].getBBox(), view = points[k].ownerSVGElement.viewBox.baseVal;
    if (p.width > 0 && p.x >= 0 && p.y >= 0 && p.x + p.width <= view.width && p.y + p.height <= view.height) inside++;
  }
  root.setAttribute('data-points', String(points.length));
  root.setAttribute('data-points-drawn', String(inside));
  root.setAttribute('data-charts', String(charts.length));
  root.setAttribute('data-charts-drawn', String(drawn));
  root.setAttribute('data-chart-check', problems.length ? 'failed: ' + problems.join('; ') : 'ok');
})();
</script>
)";

}  // namespace

const char* page_style() {
    return style;
}

const char* page_scripts() {
    return chart_check_script;
}

}  // namespace carecast::report::html
