// The live dashboard's page: polls /data and draws line charts as SVG. No libraries.
"use strict";
const COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];
const SVG = "http://www.w3.org/2000/svg";

function el(name, attributes, parent) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
  if (parent) parent.appendChild(node);
  return node;
}

function format(v) {
  if (v === null || v === undefined) return "-";
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e4) ? v.toExponential(3) : v.toPrecision(4);
}

// series: [{name, points: [[x, y], ...]}]; log: a log-scale y axis
function chart(id, title, series, xLabel, log) {
  let card = document.getElementById(id);
  if (!card) {
    card = document.createElement("div");
    card.className = "card";
    card.id = id;
    document.getElementById("charts").appendChild(card);
  }
  card.innerHTML = "";
  const h = document.createElement("h2");
  h.textContent = title;
  card.appendChild(h);
  const svg = el("svg", {viewBox: "0 0 460 240", preserveAspectRatio: "none"}, card);
  const all = series.flatMap(s => s.points).filter(p => p[1] !== null && (!log || p[1] > 0));
  if (all.length === 0) {
    el("text", {x: 20, y: 120, fill: "#888"}, svg).textContent = "no data yet";
    return;
  }
  const ty = v => log ? Math.log10(v) : v;
  let x0 = Math.min(...all.map(p => p[0])), x1 = Math.max(...all.map(p => p[0]));
  let y0 = Math.min(...all.map(p => ty(p[1]))), y1 = Math.max(...all.map(p => ty(p[1])));
  if (x1 === x0) x1 = x0 + 1;
  if (y1 === y0) { y0 -= 0.5; y1 += 0.5; }
  const L = 56, R = 450, T = 10, B = 210;
  const sx = x => L + (x - x0) / (x1 - x0) * (R - L);
  const sy = y => B - (ty(y) - y0) / (y1 - y0) * (B - T);
  el("rect", {x: L, y: T, width: R - L, height: B - T, fill: "none", stroke: "#ccc"}, svg);
  for (let i = 0; i <= 4; i++) {
    const v = y0 + (y1 - y0) * i / 4, y = B - (B - T) * i / 4;
    el("line", {x1: L, x2: R, y1: y, y2: y, stroke: "#eee"}, svg);
    el("text", {x: L - 4, y: y + 4, "text-anchor": "end", "font-size": 10, fill: "#555"}, svg)
      .textContent = format(log ? Math.pow(10, v) : v);
  }
  el("text", {x: L, y: B + 14, "font-size": 10, fill: "#555"}, svg).textContent = String(Math.round(x0));
  el("text", {x: R, y: B + 14, "font-size": 10, fill: "#555", "text-anchor": "end"}, svg).textContent = String(Math.round(x1));
  el("text", {x: (L + R) / 2, y: B + 26, "font-size": 11, fill: "#333", "text-anchor": "middle"}, svg).textContent = xLabel;
  series.forEach((s, i) => {
    const pts = s.points.filter(p => p[1] !== null && (!log || p[1] > 0)).map(p => sx(p[0]) + "," + sy(p[1]));
    if (pts.length === 1) el("circle", {cx: pts[0].split(",")[0], cy: pts[0].split(",")[1], r: 3, fill: COLOURS[i % 8]}, svg);
    if (pts.length > 1) el("polyline", {points: pts.join(" "), fill: "none", stroke: COLOURS[i % 8], "stroke-width": 1.6}, svg);
  });
  const legend = document.createElement("div");
  legend.className = "legend";
  series.forEach((s, i) => {
    const last = s.points.length ? s.points[s.points.length - 1][1] : null;
    const item = legend.appendChild(document.createElement("span"));
    item.appendChild(document.createElement("i")).style.background = COLOURS[i % 8];
    item.appendChild(document.createTextNode(s.name + " " + format(last)));
  });
  card.appendChild(legend);
}

function render(data) {
  document.getElementById("status").textContent = data.status;
  document.getElementById("model").textContent = data.model;
  const epochs = data.epochs;
  const last = epochs.length ? epochs[epochs.length - 1] : null;
  document.getElementById("summary").textContent = last
    ? `epoch ${last.epoch}, ${last.steps} steps, last epoch ${last.seconds.toFixed(2)} s` : "";
  const keys = last ? Object.keys(last.logs) : [];
  const base = keys.filter(k => !k.startsWith("val_"));
  chart("c-batch", "Loss per batch (running mean over the epoch)",
    [{name: "loss", points: data.batches.map(b => [b.step, b.logs.loss])}], "step", true);
  for (const key of base) {
    const series = [{name: key, points: epochs.map(e => [e.epoch, e.logs[key]])}];
    if (keys.includes("val_" + key)) series.push({name: "val_" + key, points: epochs.map(e => [e.epoch, e.logs["val_" + key]])});
    chart("c-" + key, key + " per epoch", series, "epoch", key === "loss");
  }
  chart("c-lr", "Learning rate", [{name: "learning rate", points: epochs.map(e => [e.epoch, e.learningRate])}], "epoch", false);
  if (data.health.length) {
    const layers = [...new Set(data.health.map(h => h.layer))];
    const per = (field) => layers.map(l => ({name: l,
      points: data.health.filter(h => h.layer === l).map(h => [h.epoch, h[field]])}));
    chart("c-update", "Update-to-weight ratio per epoch", per("updateRatio"), "epoch", true);
    chart("c-gradient", "Gradient norm", per("gradientNorm"), "epoch", true);
    const table = document.createElement("table");
    table.innerHTML = "<tr><th>layer</th><th>activation</th><th>update/weight</th><th>gradient norm</th><th>saturated</th><th>dead</th></tr>";
    const lastEpoch = data.health[data.health.length - 1].epoch;
    for (const h of data.health.filter(r => r.epoch === lastEpoch)) {
      const row = table.insertRow();
      const pct = v => v === null ? "-" : (100 * v).toFixed(0) + "%";
      for (const v of [h.layer, h.activation || "-", format(h.updateRatio), format(h.gradientNorm), pct(h.saturated), pct(h.dead)]) {
        row.insertCell().textContent = v;
      }
    }
    const box = document.getElementById("health");
    box.textContent = "After epoch " + lastEpoch + ":";
    box.appendChild(table);
  }
  const list = document.getElementById("warnings");
  list.innerHTML = "";
  for (const w of data.warnings) list.appendChild(document.createElement("li")).textContent = w;
}

async function poll() {
  try {
    const response = await fetch("data", {cache: "no-store"});
    render(await response.json());
  } catch (e) {
    document.getElementById("status").textContent = "not connected (the training program has ended?)";
  }
  setTimeout(poll, 500);
}
poll();
