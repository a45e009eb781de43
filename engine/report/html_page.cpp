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
svg.chart { display: block; max-width: 100%; height: auto; }
.table-wrap { max-width: 100%; overflow-x: auto; }
table.budget td.n { white-space: nowrap; }
table.budget small, td.n small { color: #444; }
table.compact { font-size: 11.5px; }
table.compact th, table.compact td { padding: 3px 5px; }
table.compact td.n { white-space: normal; min-width: 5.5em; }
p.flat { color: #333; font-style: italic; margin: 6px 0; }
.chart-tools { display: flex; gap: 6px; margin: 2px 0 0; }
.chart-tools button { font: inherit; font-size: 12px; padding: 1px 8px; cursor: pointer; }
)";

/// A4 print: no navigation or buttons, tables and charts to the page width, each section on a new page.
constexpr const char* print_style = R"(
@page { size: A4 portrait; margin: 12mm; }
body { max-width: none; padding: 0; margin: 0; font-size: 10pt; line-height: 1.3; }
nav, .chart-tools { display: none !important; }
h1 { font-size: 18pt; margin-top: 0; }
h2 { font-size: 14pt; break-before: page; break-after: avoid; }
h2#run { break-before: auto; }
section > h2 { break-before: auto; }
section { break-before: page; }
h3 { font-size: 11pt; break-after: avoid; }
table { font-size: 7.5pt; max-width: 100%; page-break-inside: auto; }
th, td { padding: 2px 4px; }
tr, figure { break-inside: avoid; }
td.n, table.budget td.n, table.compact td.n { white-space: normal; min-width: 0; }
table.compact { font-size: 6.5pt; }
table.info td { max-width: none; }
table.headlines td:first-child { min-width: 0; }
td { overflow-wrap: anywhere; }
td.year { white-space: nowrap; overflow-wrap: normal; }
.table-wrap { overflow: visible; }
.charts { display: block; }
.charts figure { border: none; padding: 0; margin: 0 0 6px; }
svg.chart { width: 100%; max-width: 640px; height: auto; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 7pt; }
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
<script>
// Save each chart as SVG (the chart serialised to a Blob) or PNG (drawn on a canvas at twice its size).
// Nothing is fetched: the chart is complete as written.
(function () {
  var ns = 'http://www.w3.org/2000/svg';
  function name(svg) {
    var t = svg.querySelector('title');
    var text = (t ? t.textContent : 'chart').replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
    return (text || 'chart').slice(0, 80);
  }
  function svgText(svg) {
    var copy = svg.cloneNode(true), box = svg.viewBox.baseVal;
    copy.removeAttribute('data-drawn');
    copy.setAttribute('xmlns', ns);
    copy.setAttribute('font-family', 'DejaVu Sans, Arial, Helvetica, sans-serif');
    var back = document.createElementNS(ns, 'rect');
    back.setAttribute('width', String(box.width));
    back.setAttribute('height', String(box.height));
    back.setAttribute('fill', '#ffffff');
    copy.insertBefore(back, copy.firstChild);
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(copy);
  }
  function toPng(svg, done) {
    var box = svg.viewBox.baseVal, image = new Image();
    image.onload = function () {
      var canvas = document.createElement('canvas');
      canvas.width = Math.round(box.width * 2);
      canvas.height = Math.round(box.height * 2);
      var g = canvas.getContext('2d');
      g.fillStyle = '#ffffff';
      g.fillRect(0, 0, canvas.width, canvas.height);
      g.drawImage(image, 0, 0, canvas.width, canvas.height);
      canvas.toBlob(done, 'image/png');
    };
    image.onerror = function () { done(null); };
    image.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svgText(svg));
  }
  function save(blob, file) {
    if (!blob) return;
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = file;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }
  function button(label, title, action) {
    var b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.title = title;
    b.addEventListener('click', action);
    return b;
  }
  var charts = document.querySelectorAll('figure > svg.chart');
  for (var i = 0; i < charts.length; i++) (function (svg) {
    var tools = document.createElement('div');
    tools.className = 'chart-tools';
    tools.appendChild(button('Save SVG', 'Save this chart as an SVG file', function () {
      save(new Blob([svgText(svg)], { type: 'image/svg+xml' }), name(svg) + '.svg');
    }));
    tools.appendChild(button('Save PNG', 'Save this chart as a PNG image', function () {
      toPng(svg, function (blob) { save(blob, name(svg) + '.png'); });
    }));
    svg.parentNode.appendChild(tools);
  })(charts[i]);
  window.carecastCharts = { svgText: svgText, toPng: toPng, name: name };
})();
</script>
<script>
// Layout check for the browser test: labels of a chart must not overlap or leave the chart, and tables
// must not be cut at the page's width. With #print-check the A4 print styles are applied first, at the
// printed width (186 mm); with #export-check the save functions are run too. Results go on <html>.
(function () {
  var root = document.documentElement;
  function overlap(a, b) {
    return a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  }
  function check() {
    var mode = location.hash;
    if (mode === '#print-check') {
      document.getElementById('print-style').media = 'all';
      document.body.style.width = '703px';
    }
    var limit = mode === '#print-check' ? document.body.getBoundingClientRect().right
                                         : root.clientWidth;
    var overlaps = [], clipped = [], cut = [];
    var charts = document.querySelectorAll('svg.chart');
    for (var i = 0; i < charts.length; i++) {
      var svg = charts[i], frame = svg.getBoundingClientRect();
      var title = svg.querySelector('title').textContent;
      if (frame.right > limit + 1) cut.push('chart ' + title);
      var texts = [], boxes = [];
      var all = svg.querySelectorAll('text');
      for (var j = 0; j < all.length; j++) {
        if (!all[j].textContent.trim()) continue;
        texts.push(all[j]);
        boxes.push(all[j].getBoundingClientRect());
      }
      for (var a = 0; a < boxes.length; a++) {
        var b = boxes[a];
        if (b.left < frame.left - 1 || b.right > frame.right + 1 || b.top < frame.top - 1 || b.bottom > frame.bottom + 1)
          clipped.push(title + ': ' + texts[a].textContent);
        for (var c = a + 1; c < boxes.length; c++)
          if (overlap(b, boxes[c])) overlaps.push(title + ': "' + texts[a].textContent + '" / "' + texts[c].textContent + '"');
      }
    }
    var tables = document.querySelectorAll('table');
    for (var t = 0; t < tables.length; t++) {
      var r = tables[t].getBoundingClientRect(), wrap = tables[t].parentNode;
      var scrolls = wrap.classList.contains('table-wrap') && wrap.scrollWidth > wrap.clientWidth + 1;
      if (r.right > limit + 1 || r.left < -1 || scrolls)
        cut.push('table ' + t + ' (' + tables[t].rows[0].textContent.slice(0, 60) + ')');
    }
    root.setAttribute('data-layout-width', String(Math.round(limit)));
    root.setAttribute('data-label-overlaps', String(overlaps.length));
    root.setAttribute('data-clipped-labels', String(clipped.length));
    root.setAttribute('data-cut', String(cut.length));
    root.setAttribute('data-layout-problems', overlaps.concat(clipped, cut).slice(0, 8).join(' | '));
    root.setAttribute('data-layout-check', overlaps.length + clipped.length + cut.length ? 'failed' : 'ok');
    if (mode === '#export-check') exportCheck();
  }
  function exportCheck() {
    var charts = document.querySelectorAll('figure > svg.chart'), api = window.carecastCharts, bad = [];
    var buttons = document.querySelectorAll('.chart-tools button').length;
    for (var i = 0; i < charts.length; i++) {
      var doc = new DOMParser().parseFromString(api.svgText(charts[i]), 'image/svg+xml');
      if (doc.getElementsByTagName('parsererror').length || doc.documentElement.localName !== 'svg') bad.push(i);
    }
    root.setAttribute('data-export-svg', bad.length ? 'failed: ' + bad.join(',') : 'ok ' + charts.length);
    root.setAttribute('data-export-buttons', String(buttons));
    if (!charts.length) return;
    api.toPng(charts[0], function (blob) {
      root.setAttribute('data-export-png', blob && blob.type === 'image/png' ? 'ok ' + blob.size : 'failed');
    });
  }
  check();
})();
</script>
)";

}  // namespace

const char* page_style() {
    return style;
}

const char* page_print_style() {
    return print_style;
}

const char* page_scripts() {
    return chart_check_script;
}

}  // namespace carecast::report::html
