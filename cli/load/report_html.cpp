// --report FILE.html: one self-contained page. The JSON summary (to_json) is embedded as it is
// and everything on the page (chart points, numbers) is drawn from it by inline JavaScript, so
// the page and the JSON cannot disagree; no network access is needed to view it.
#include <boost/json/serialize.hpp>

#include <string>
#include <string_view>

#include "cli/load/load_summary.hpp"

namespace wsmqtt::load {
namespace {

constexpr std::string_view page_head = R"html(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>wsmqtt load report</title>
<style>
body{font:14px system-ui,sans-serif;margin:24px;color:#1d2330;background:#fafbfc}
h1{font-size:20px;margin:0 0 4px} h2{font-size:16px;margin:24px 0 8px}
.sub{color:#5b6475;margin-bottom:16px}
table{border-collapse:collapse} td,th{padding:3px 10px;border-bottom:1px solid #e3e6eb;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums}
svg{background:#fff;border:1px solid #e3e6eb}
.axis{stroke:#9aa3b2;stroke-width:1} .grid{stroke:#eef0f3;stroke-width:1}
.label{fill:#5b6475;font-size:11px} .line{fill:none;stroke:#2f6fdf;stroke-width:2}
.point{fill:#2f6fdf} .mark{fill:#d9482b} .bad{color:#c0392b;font-weight:600}
</style></head><body>
<h1 id="title">wsmqtt load report</h1><div class="sub" id="subtitle"></div>
<h2>Throughput per second</h2><svg id="throughput" width="860" height="260"></svg>
<h2>Latency percentiles</h2><svg id="latency" width="860" height="260"></svg>
<h2>Figures</h2><table id="figures"></table>
<script type="application/json" id="summary">)html";

constexpr std::string_view page_tail = R"html(</script>
<script>
"use strict";
const S = JSON.parse(document.getElementById("summary").textContent);
const NS = "http://www.w3.org/2000/svg";
function el(parent, name, attrs, text) {
  const e = document.createElementNS(NS, name);
  for (const k in attrs) e.setAttribute(k, attrs[k]);
  if (text !== undefined) e.textContent = text;
  parent.appendChild(e);
  return e;
}
function fmtNs(ns) {
  if (ns < 1e4) return (ns / 1e3).toFixed(2) + " µs";
  if (ns < 1e7) return (ns / 1e3).toFixed(1) + " µs";
  if (ns < 1e10) return (ns / 1e6).toFixed(2) + " ms";
  return (ns / 1e9).toFixed(2) + " s";
}
function chart(svg, points, opts) {
  const W = +svg.getAttribute("width"), H = +svg.getAttribute("height");
  const L = 70, R = 20, T = 14, B = 34, w = W - L - R, h = H - T - B;
  const xmax = Math.max(opts.xmax, 1e-9), ymax = Math.max(1, ...points.map(p => p[1])) * 1.1;
  const X = x => L + (x / xmax) * w, Y = y => T + h - (y / ymax) * h;
  for (let i = 0; i <= 4; i++) {
    const y = ymax * i / 4;
    el(svg, "line", {class: "grid", x1: L, x2: L + w, y1: Y(y), y2: Y(y)});
    el(svg, "text", {class: "label", x: L - 6, y: Y(y) + 4, "text-anchor": "end"}, opts.yfmt(y));
  }
  el(svg, "line", {class: "axis", x1: L, x2: L + w, y1: T + h, y2: T + h});
  el(svg, "line", {class: "axis", x1: L, x2: L, y1: T, y2: T + h});
  for (const [x, label] of opts.xticks) {
    el(svg, "text", {class: "label", x: X(x), y: T + h + 16, "text-anchor": "middle"}, label);
  }
  el(svg, "text", {class: "label", x: L + w / 2, y: H - 4, "text-anchor": "middle"}, opts.xlabel);
  if (points.length > 1) {
    el(svg, "polyline", {class: "line", points: points.map(p => X(p[0]) + "," + Y(p[1])).join(" ")});
  }
  return {X, Y};
}
// Throughput: one point per second of the run, at the middle of its second.
(function () {
  const svg = document.getElementById("throughput");
  const tl = S.timeline;
  const pts = tl.map((s, i) => [i + 0.5, s.messages]);
  const step = Math.max(1, Math.ceil(tl.length / 12));
  const ticks = [];
  for (let i = 0; i <= tl.length; i += step) ticks.push([i, i + " s"]);
  const c = chart(svg, pts, {xmax: tl.length, xticks: ticks, xlabel: "seconds since start",
                             yfmt: v => Math.round(v) + " msg/s"});
  tl.forEach((s, i) => {
    const p = el(svg, "circle", {class: "point", cx: c.X(i + 0.5), cy: c.Y(s.messages), r: 3.5,
                                 "data-second": i, "data-messages": s.messages, "data-bytes": s.bytes});
    el(p, "title", {}, i + " s: " + s.messages + " messages, " + s.bytes + " bytes");
  });
})();
// Latency: the percentile curve from the histogram buckets, on a "nines" axis (0 = p0,
// 1 = p90, 2 = p99, 3 = p99.9, 4 = p99.99), with the summary's percentiles marked.
(function () {
  const svg = document.getElementById("latency");
  const lat = S.latency, total = lat.count;
  const nines = q => Math.min(4, -Math.log10(Math.max(1 - q, 1e-4)));
  const pts = [];
  if (total > 0) {
    let seen = 0;
    const bits = lat.histogram.sub_bucket_bits, lin = 2 << bits, per = 1 << bits;
    const high = i => {
      if (i + 1 < lin) return i;
      const j = i + 1 - lin, e = 8 + Math.floor(j / per), m = per + (j % per);
      return m * Math.pow(2, e - bits) - 1;
    };
    for (const [index, count] of lat.histogram.buckets) {
      seen += count;
      const v = Math.min(Math.max(high(index), lat.min), lat.max);
      pts.push([nines(seen / total), v]);
    }
  }
  const ticks = [[0, "p0"], [0.301, "p50"], [1, "p90"], [2, "p99"], [3, "p99.9"], [4, "p99.99"]];
  const c = chart(svg, pts, {xmax: 4, xticks: ticks,
                             xlabel: (lat.kind === "publish_to_ack" ? "publish-to-ack" : "end-to-end") +
                                     " latency by percentile (" + total + " samples)",
                             yfmt: fmtNs});
  for (const [key, q] of [["p50", 0.5], ["p90", 0.9], ["p99", 0.99], ["p999", 0.999]]) {
    if (total === 0) break;
    const m = el(svg, "circle", {class: "mark", cx: c.X(nines(q)), cy: c.Y(lat[key]), r: 4, "data-key": key});
    el(m, "title", {}, key + " " + fmtNs(lat[key]));
  }
})();
// Figures: raw values as in the JSON (data-key names the field), with a readable form beside.
(function () {
  const t = document.getElementById("figures");
  const get = path => path.split(".").reduce((o, k) => (o == null ? undefined : o[k]), S);
  const rows = [
    ["messages", "messages"], ["bytes", "payload bytes"], ["duration_s", "duration (s)"],
    ["messages_per_s", "messages per second"], ["bytes_per_s", "bytes per second"],
    ["target_rate", "target rate (msg/s)"], ["acknowledged", "acknowledged"], ["rejected", "rejected"],
    ["clients", "clients"], ["connected", "connected"], ["connect_failures", "connect failures"],
    ["latency.count", "latency samples"], ["latency.p50", "latency p50 (ns)"], ["latency.p90", "latency p90 (ns)"],
    ["latency.p99", "latency p99 (ns)"], ["latency.p999", "latency p99.9 (ns)"], ["latency.max", "latency max (ns)"],
    ["sequence.lost", "lost"], ["sequence.duplicates", "duplicates"], ["sequence.reordered", "reordered"],
    ["memory.bytes_per_connection", "RSS per connection (bytes)"],
  ];
  for (const [key, label] of rows) {
    const v = get(key);
    if (v === undefined) continue;
    const tr = document.createElement("tr");
    const th = document.createElement("th"); th.textContent = label; tr.appendChild(th);
    const td = document.createElement("td"); td.className = "num"; td.dataset.key = key;
    td.textContent = String(v);
    if ((key === "sequence.lost" || key === "sequence.duplicates" || key === "rejected") && v > 0) td.classList.add("bad");
    tr.appendChild(td);
    const hint = document.createElement("td");
    hint.textContent = key.startsWith("latency.") && key !== "latency.count" ? fmtNs(v) : "";
    tr.appendChild(hint);
    t.appendChild(tr);
  }
  document.getElementById("title").textContent = S.tool + " load report";
  document.getElementById("subtitle").textContent = S.clients + " client(s) over " + S.transport + ", QoS " + S.qos +
    ", " + S.duration_s.toFixed(3) + " s, " + S.messages + " messages (" + S.messages_per_s.toFixed(1) + " msg/s)";
  document.body.dataset.ready = "1";
})();
</script></body></html>
)html";

}  // namespace

std::string to_html(const load_summary& s) {
    std::string json = boost::json::serialize(to_json(s));
    // Inside <script>, "</" could end the element: JSON allows "\/" for "/".
    std::string safe;
    safe.reserve(json.size());
    for (std::size_t i = 0; i < json.size(); ++i) {
        if (json[i] == '/' && i > 0 && json[i - 1] == '<') {
            safe += "\\/";
        } else {
            safe += json[i];
        }
    }
    std::string page;
    page.reserve(page_head.size() + safe.size() + page_tail.size());
    page += page_head;
    page += safe;
    page += page_tail;
    return page;
}

}  // namespace wsmqtt::load
