// The playground page: talks to the local server's JSON API, draws with canvas and SVG. No libraries.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const ORANGE = [245, 147, 34], WHITE = [232, 234, 235], BLUE = [8, 119, 189];
const FIELDS = ["dataset", "noise", "samples", "testFraction", "hidden", "activation", "learningRate",
  "batchSize", "optimizer", "l2", "seed"];
const NODE = 40;            // a neuron's picture, in pixels
const page = {session: null, version: -1, data: null, state: null, selected: null, sample: 0, ended: false};

const $ = id => document.getElementById(id);

function form() {
  const body = new URLSearchParams();
  for (const f of FIELDS) body.set(f, $(f).value.trim());
  return body;
}

async function api(path, options) {
  const response = await fetch(path, options || {});
  const json = await response.json();
  if (!response.ok) throw new Error(json.error || ("HTTP " + response.status));
  return json;
}

function message(text) {
  $("message").textContent = text || "";
}

function format(v) {
  if (v === null || v === undefined) return "-";
  return Number(v).toPrecision(6);
}

// a value t in [0, 1]: orange at 0, white at 1/2, blue at 1
function colour(t) {
  const [a, b, s] = t < 0.5 ? [ORANGE, WHITE, t * 2] : [WHITE, BLUE, t * 2 - 1];
  return [0, 1, 2].map(i => Math.round(a[i] + (b[i] - a[i]) * s));
}

function drawMap(canvas, map, grid) {
  const small = document.createElement("canvas");
  small.width = grid;
  small.height = grid;
  const context = small.getContext("2d");
  const image = context.createImageData(grid, grid);
  const bytes = atob(map.data);
  for (let i = 0; i < grid * grid; i++) {
    const [r, g, b] = colour(bytes.charCodeAt(i) / 255);
    image.data.set([r, g, b, 255], i * 4);
  }
  context.putImageData(image, 0, 0);
  const target = canvas.getContext("2d");
  target.imageSmoothingEnabled = true;
  target.drawImage(small, 0, 0, canvas.width, canvas.height);
}

// an input's picture: x1 or x2 over the plane
function inputMap(index, grid) {
  let text = "";
  for (let r = 0; r < grid; r++) {
    for (let c = 0; c < grid; c++) {
      const x1 = -1 + (c + 0.5) * 2 / grid, x2 = 1 - (r + 0.5) * 2 / grid;
      text += String.fromCharCode(Math.round(255 * ((index === 0 ? x1 : x2) + 1) / 2));
    }
  }
  return {data: btoa(text)};
}

function sizes() {
  const layers = page.state.layers;
  return [2, ...layers.map(l => l.bias.length)];
}

// where neuron (column, unit) sits in the network picture
function position(column, unit, counts, height) {
  const width = $("network").clientWidth || 520;
  const x = 10 + column * (width - NODE - 20) / (counts.length - 1);
  const y = 24 + (height - 24) / 2 - counts[column] * (NODE + 8) / 2 + unit * (NODE + 8);
  return [x, y];
}

function buildNetwork() {
  const box = $("network");
  box.querySelectorAll("canvas, .layer-label").forEach(n => n.remove());
  const counts = sizes();
  const height = 24 + Math.max(...counts) * (NODE + 8) + 8;
  box.style.height = height + "px";
  const svg = $("edges");
  svg.setAttribute("width", box.clientWidth || 520);
  svg.setAttribute("height", height);
  svg.innerHTML = "";
  const layers = page.state.layers;
  counts.forEach((count, column) => {
    const label = document.createElement("div");
    label.className = "layer-label";
    const [x] = position(column, 0, counts, height);
    label.style.left = (x + NODE / 2 - 45) + "px";
    label.style.top = "0px";
    label.textContent = column === 0 ? "inputs x1, x2" : column === counts.length - 1 ? "output (sigmoid)"
      : `hidden ${column} (${layers[column - 1].activation})`;
    box.appendChild(label);
    for (let unit = 0; unit < count; unit++) {
      const canvas = document.createElement("canvas");
      canvas.width = NODE;
      canvas.height = NODE;
      canvas.className = "node" + (column === 0 ? " input" : " neuron");
      const [x, y] = position(column, unit, counts, height);
      canvas.style.left = x + "px";
      canvas.style.top = y + "px";
      if (column > 0) {
        canvas.dataset.layer = column - 1;
        canvas.dataset.unit = unit;
        canvas.title = column === counts.length - 1 ? "the output p" : `hidden layer ${column}, unit ${unit}`;
        canvas.addEventListener("click", () => select({layer: column - 1, unit, from: -1}));
      } else {
        canvas.title = "input x" + (unit + 1);
      }
      box.appendChild(canvas);
    }
  });
  for (let l = 0; l < layers.length; l++) {
    const kernel = layers[l].kernel;
    for (let j = 0; j < kernel.length; j++) {
      for (let i = 0; i < kernel[j].length; i++) {
        const [x0, y0] = position(l, j, counts, height), [x1, y1] = position(l + 1, i, counts, height);
        const a = [x0 + NODE, y0 + NODE / 2], b = [x1, y1 + NODE / 2], m = (a[0] + b[0]) / 2;
        const d = `M${a[0]},${a[1]} C${m},${a[1]} ${m},${b[1]} ${b[0]},${b[1]}`;
        const edge = document.createElementNS(SVG, "path");
        edge.setAttribute("d", d);
        edge.setAttribute("class", "edge");
        edge.id = `edge-${l}-${j}-${i}`;
        svg.appendChild(edge);
        const hit = document.createElementNS(SVG, "path");
        hit.setAttribute("d", d);
        hit.setAttribute("class", "hit");
        hit.dataset.layer = l;
        hit.dataset.from = j;
        hit.dataset.unit = i;
        hit.addEventListener("click", () => select({layer: l, unit: i, from: j}));
        const title = document.createElementNS(SVG, "title");
        hit.appendChild(title);
        svg.appendChild(hit);
      }
    }
  }
  box.dataset.shape = counts.join("-");
}

function drawNetwork() {
  const counts = sizes();
  if ($("network").dataset.shape !== counts.join("-")) buildNetwork();
  const grid = page.state.grid;
  const inputs = document.querySelectorAll("#network canvas.input");
  inputs.forEach((canvas, index) => drawMap(canvas, inputMap(index, grid), grid));
  document.querySelectorAll("#network canvas.neuron").forEach(canvas => {
    const layer = page.state.layers[canvas.dataset.layer];
    drawMap(canvas, layer.maps[canvas.dataset.unit], grid);
  });
  page.state.layers.forEach((layer, l) => layer.kernel.forEach((row, j) => row.forEach((w, i) => {
    const edge = $(`edge-${l}-${j}-${i}`);
    edge.setAttribute("stroke", w >= 0 ? "#0877bd" : "#d62728");
    edge.setAttribute("stroke-width", Math.min(8, 0.4 + 2.5 * Math.abs(w)).toFixed(2));
    edge.setAttribute("stroke-opacity", Math.min(1, 0.35 + Math.abs(w)).toFixed(2));
    edge.nextSibling.firstChild.textContent = `W[${j}][${i}] of layer ${l + 1} = ${format(w)}`;
  })));
}

function drawOutput() {
  const canvas = $("output");
  const layers = page.state.layers;
  drawMap(canvas, layers[layers.length - 1].maps[0], page.state.grid);
  const context = canvas.getContext("2d");
  const {x, y, trainCount} = page.data;
  x.forEach((p, i) => {
    const [px, py] = toCanvas(p);
    context.beginPath();
    context.arc(px, py, 3.5, 0, 2 * Math.PI);
    context.fillStyle = y[i] === 1 ? "rgb(8,119,189)" : "rgb(245,147,34)";
    context.fill();
    context.lineWidth = 1.2;
    context.strokeStyle = i < trainCount ? "#fff" : "#000";
    context.stroke();
  });
  const chosen = x[page.sample];
  if (chosen) {
    const [px, py] = toCanvas(chosen);
    context.beginPath();
    context.arc(px, py, 8, 0, 2 * Math.PI);
    context.lineWidth = 2;
    context.strokeStyle = "#000";
    context.stroke();
  }
}

function toCanvas(p) {
  const canvas = $("output");
  return [(p[0] + 1) / 2 * canvas.width, (1 - p[1]) / 2 * canvas.height];
}

function drawCurve() {
  const svg = $("curve");
  svg.innerHTML = "";
  const curve = page.state.curve;
  if (curve.length === 0) return;
  const values = curve.flatMap(p => [p[1], p[2]]).filter(v => v !== null);
  const top = Math.max(1e-9, ...values), last = curve[curve.length - 1][0] || 1;
  const line = (index, colour) => {
    const points = curve.filter(p => p[index] !== null)
      .map(p => `${(30 + p[0] / last * 285).toFixed(1)},${(150 - p[index] / top * 140).toFixed(1)}`);
    const poly = document.createElementNS(SVG, "polyline");
    poly.setAttribute("points", points.join(" "));
    poly.setAttribute("fill", "none");
    poly.setAttribute("stroke", colour);
    poly.setAttribute("stroke-width", "1.5");
    svg.appendChild(poly);
  };
  const text = (x, y, value, anchor) => {
    const t = document.createElementNS(SVG, "text");
    t.setAttribute("x", x);
    t.setAttribute("y", y);
    t.setAttribute("font-size", "9");
    t.setAttribute("text-anchor", anchor || "start");
    t.textContent = value;
    svg.appendChild(t);
  };
  line(1, "#333");
  line(2, "#f59322");
  text(2, 14, top.toPrecision(2));
  text(2, 152, "0");
  text(315, 158, "epoch " + last, "end");
}

function render() {
  const s = page.state;
  $("epoch").textContent = s.epoch;
  $("train-loss").textContent = format(s.trainLoss);
  $("test-loss").textContent = format(s.testLoss);
  $("train-accuracy").textContent = s.trainAccuracy === null ? "-" : s.trainAccuracy.toFixed(3);
  $("test-accuracy").textContent = s.testAccuracy === null ? "-" : s.testAccuracy.toFixed(3);
  $("status").textContent = s.status;
  $("play").textContent = s.playing ? "Pause" : "Play";
  document.body.dataset.playing = s.playing;
  drawNetwork();
  drawOutput();
  drawCurve();
}

async function poll() {
  if (page.ended) return;
  try {
    if (page.session) {
      const state = await api(`/api/state?session=${page.session}&since=${page.version}`);
      if (!state.unchanged) {
        page.state = state;
        page.version = state.version;
        render();
        if (!state.playing && page.selected) inspect();
      }
    }
  } catch (e) {
    message(e.message);
    if (/session/.test(e.message)) page.ended = true;
  }
  setTimeout(poll, 200);
}

async function control(action) {
  if (!page.session) return;
  try {
    page.state = await api(`/api/control?session=${page.session}&action=${action}`, {method: "POST"});
    page.version = page.state.version;
    render();
    if (!page.state.playing && page.selected) inspect();
  } catch (e) {
    message(e.message);
  }
}

async function apply() {
  message("");
  try {
    page.data = await api(`/api/configure?session=${page.session}`, {method: "POST", body: form()});
    page.version = -1;
    page.sample = Math.min(page.sample, page.data.x.length - 1);
    page.selected = null;
    clearInspection();
  } catch (e) {
    message(e.message);
  }
}

function select(target) {
  page.selected = target;
  document.querySelectorAll(".selected").forEach(n => n.classList.remove("selected"));
  const node = target.from === -1
    ? document.querySelector(`#network canvas.neuron[data-layer="${target.layer}"][data-unit="${target.unit}"]`)
    : document.querySelector(`#edges path.hit[data-layer="${target.layer}"][data-from="${target.from}"][data-unit="${target.unit}"]`);
  if (node) node.classList.add("selected");
  if (page.state && page.state.playing) {
    $("inspect-title").textContent = "Pause (or press Step) first: Step mode shows the numbers of the paused network.";
    return;
  }
  inspect();
}

function clearInspection() {
  $("inspect-table").innerHTML = "";
  $("inspect-title").textContent = "Pause (or press Step), then click a neuron or an edge of the network.";
  $("sample-info").textContent = "";
}

async function inspect() {
  const t = page.selected;
  try {
    const result = await api(`/api/inspect?session=${page.session}&layer=${t.layer}&unit=${t.unit}`
      + `&from=${t.from}&sample=${page.sample}`);
    const s = result.sample;
    $("sample-info").textContent = `${s.set} point: x = (${format(s.x1)}, ${format(s.x2)}), target y = ${s.y}`;
    $("inspect-title").textContent = result.title + " (epoch " + page.state.epoch + ")";
    const table = $("inspect-table");
    table.innerHTML = "";
    for (const row of result.rows) {
      const tr = table.insertRow();
      tr.dataset.key = row.key;
      const cells = [["symbol", row.symbol], ["value", format(row.value)], ["meaning", row.meaning]];
      for (const [kind, text] of cells) {
        const td = tr.insertCell();
        td.className = kind;
        td.textContent = text;
        if (kind === "value") td.dataset.key = row.key;
      }
    }
  } catch (e) {
    $("inspect-title").textContent = e.message;
  }
}

function chooseSample(event) {
  if (!page.data) return;
  const canvas = $("output");
  const rect = canvas.getBoundingClientRect();
  const px = (event.clientX - rect.left) * canvas.width / rect.width;
  const py = (event.clientY - rect.top) * canvas.height / rect.height;
  let best = 0, distance = Infinity;
  page.data.x.forEach((p, i) => {
    const [x, y] = toCanvas(p);
    const d = (x - px) ** 2 + (y - py) ** 2;
    if (d < distance) { distance = d; best = i; }
  });
  setSample(best);
}

function setSample(index) {
  page.sample = Math.max(0, Math.min(index, page.data.x.length - 1));
  $("sample").value = page.sample;
  if (page.state) drawOutput();
  if (page.selected && !page.state.playing) inspect();
}

async function start() {
  try {
    page.data = await api("/api/session", {method: "POST", body: form()});
    page.session = page.data.session;
    $("sample").max = page.data.x.length - 1;
  } catch (e) {
    message(e.message);
  }
  poll();
}

$("play").addEventListener("click", () => control(page.state && page.state.playing ? "pause" : "play"));
$("step").addEventListener("click", () => control("step"));
$("apply").addEventListener("click", apply);
$("output").addEventListener("click", chooseSample);
$("sample").addEventListener("change", () => setSample(parseInt($("sample").value, 10) || 0));
window.addEventListener("pagehide", () => {
  if (page.session) navigator.sendBeacon(`/api/close?session=${page.session}`);
});
start();
