// The impact/effort matrix as SVG, shared by the board and the facilitator page.
// Impact runs up (laag → hoog), Inspanning to the right (laag → hoog), 1–5 with
// the midpoint 3 (3 counts as hoog). User text only ever goes in via textContent.

import { t } from "/static/js/i18n.js";

const NS = "http://www.w3.org/2000/svg";
export const QUADRANTS = ["onmiddellijk", "quick-wins", "plannen", "niet-doen"];
// (impact high?, effort high?): the handbook's placement; the facilitator may choose
// another one (extra.placement, see matrix.PLACEMENTS).
const POSITION = {
  onmiddellijk: [true, false], "quick-wins": [false, false], plannen: [true, true], "niet-doen": [false, true],
};

/** Where each quadrant sits in this activity. */
export function placementOf(extra) {
  return (extra && extra.placement) || POSITION;
}

/** How the quadrants are read, one line: "Onmiddellijk: veel impact, weinig inspanning · …",
 * the high-impact-low-effort corner first. */
export function readingOf(labels, placement) {
  const order = [[true, false], [true, true], [false, false], [false, true]];
  return order.map(([hi, he]) => {
    const key = Object.keys(placement).find((k) => placement[k][0] === hi && placement[k][1] === he);
    return `${labels[key]}: ${hi ? t("veel impact") : t("weinig impact")}, ${he ? t("veel inspanning") : t("weinig inspanning")}`;
  }).join(" · ");
}
const FILL = { onmiddellijk: "#DDF3D3", "quick-wins": "#FFF6C9", plannen: "#DCEBFA", "niet-doen": "#FBE0E8" };
export const BOX = { left: 70, top: 10, size: 900 }; // plot area inside a 1000×1000 viewBox

export const toPx = (v) => BOX.left + ((v - 1) / 4) * BOX.size; // effort → x
export const toPy = (v) => BOX.top + BOX.size - ((v - 1) / 4) * BOX.size; // impact → y
export const fromPx = (px) => 1 + ((px - BOX.left) / BOX.size) * 4;
export const fromPy = (py) => 1 + ((BOX.top + BOX.size - py) / BOX.size) * 4;

export function el(name, attrs = {}, text) {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Items of the board in board order: live notes joined with the aggregates of activity.extra. */
export function itemsOf(notes, extra) {
  const byId = new Map(((extra && extra.items) || []).map((i) => [i.id, i]));
  return notes.filter((n) => !n.hidden).map((n, index) => {
    const agg = byId.get(n.id);
    return {
      id: n.id, number: index + 1, text: n.text,
      impact: agg ? agg.impact : { n: 0 }, effort: agg ? agg.effort : { n: 0 },
      n: agg ? agg.n : 0, place: agg ? agg.place : null, quadrant: agg ? agg.quadrant : null,
      override: agg ? agg.override : false, withheld: agg ? Boolean(agg.withheld) : false,
    };
  });
}

export function labelsOf(extra) {
  const labels = Object.assign(
    { onmiddellijk: t("Onmiddellijk"), "quick-wins": t("Quick wins"), plannen: t("Plannen"), "niet-doen": t("Niet doen") },
    (extra && extra.labels) || {},
  );
  // The server sends the default labels in Dutch: shown in this page's language; a typed label stays as it is.
  for (const key of Object.keys(labels)) labels[key] = t(labels[key]);
  return labels;
}

/** A fresh <svg> with the quadrants, axes and one <g class="ii-dot"> per placed item. */
export function matrixSvg(items, labels, opts = {}) {
  const svg = el("svg", { viewBox: "0 0 1000 1000", class: "ii-matrix", role: "img", "aria-label": t("Matrix impact en inspanning") });
  const mid = { x: toPx(3), y: toPy(3) };
  for (const key of QUADRANTS) {
    const [highImpact, highEffort] = (opts.placement || POSITION)[key];
    const x0 = highEffort ? mid.x : BOX.left;
    const y0 = highImpact ? BOX.top : mid.y;
    const w = highEffort ? BOX.left + BOX.size - mid.x : mid.x - BOX.left;
    const h = highImpact ? mid.y - BOX.top : BOX.top + BOX.size - mid.y;
    svg.append(el("rect", { x: x0, y: y0, width: w, height: h, fill: FILL[key], stroke: "#1B1B1B", "stroke-width": 3, class: `ii-quadrant ii-quadrant--${key}` }));
    svg.append(el("text", { x: x0 + 16, y: y0 + 44, "font-size": 38, "font-weight": 700, class: `ii-label ii-label--${key}` }, labels[key]));
  }
  svg.append(el("text", { x: BOX.left + BOX.size / 2, y: 990, "text-anchor": "middle", "font-size": 32 }, t("Inspanning (laag → hoog)")));
  svg.append(el("text", { x: 0, y: 0, "text-anchor": "middle", "font-size": 32, transform: `translate(36 ${BOX.top + BOX.size / 2}) rotate(-90)` }, t("Impact (laag → hoog)")));
  // The facilitator's tray (opts.tray): post-its without a place wait under the matrix to be
  // dragged in, the handbook's way of placing them together without a scoring round.
  const waiting = opts.tray ? items.filter((item) => !item.place) : [];
  if (waiting.length) {
    const rows = Math.ceil(waiting.length / TRAY.perRow);
    svg.setAttribute("viewBox", `0 0 1000 ${TRAY.top + 40 + rows * TRAY.step}`);
    svg.append(el("text", { x: BOX.left, y: TRAY.top, "font-size": 32, "font-weight": 700, class: "ii-tray-title" },
      t("Nog te plaatsen: sleep een nummer in de matrix")));
  }
  for (const item of items) {
    const spot = item.place ? { cx: toPx(item.place.x), cy: toPy(item.place.y) } : traySpot(waiting.indexOf(item));
    if (!spot) continue;
    const { cx, cy } = spot;
    const g = el("g", { class: "ii-dot", "data-item": item.id, "data-quadrant": item.quadrant || "" });
    if (!item.place) g.setAttribute("data-unplaced", "true");
    if (!item.override && opts.spread !== false) {
      if (item.effort.min != null) g.append(el("line", { x1: toPx(item.effort.min), y1: cy, x2: toPx(item.effort.max), y2: cy, stroke: "#55524B", "stroke-width": 4 }));
      if (item.impact.min != null) g.append(el("line", { x1: cx, y1: toPy(item.impact.min), x2: cx, y2: toPy(item.impact.max), stroke: "#55524B", "stroke-width": 4 }));
    }
    g.append(el("circle", { cx, cy, r: 26, fill: item.override ? "#0B4F8A" : "#1B1B1B", stroke: "#fff", "stroke-width": 3 }));
    g.append(el("text", { x: cx, y: cy + 10, "text-anchor": "middle", "font-size": 28, "font-weight": 700, fill: "#fff" }, String(item.number)));
    if (item.n) g.append(el("text", { x: cx + 32, y: cy - 16, "font-size": 28, fill: "#1B1B1B", class: "ii-n" }, `n=${item.n}`));
    svg.append(g);
  }
  return svg;
}

const TRAY = { top: 1060, step: 70, perRow: 13 };

/** Where the i-th post-it waiting in the tray sits (null when it is not waiting). */
function traySpot(index) {
  if (index < 0) return null;
  return { cx: BOX.left + 30 + (index % TRAY.perRow) * TRAY.step, cy: TRAY.top + 50 + Math.floor(index / TRAY.perRow) * TRAY.step };
}

let styled = false;
/** One numbered item line (board legend, facilitator list): number, text, and a meta line. */
export function itemRow(item, metaText) {
  const li = document.createElement("li");
  li.dataset.item = item.id;
  const num = document.createElement("span");
  num.className = "ii-num";
  num.textContent = String(item.number);
  const text = document.createElement("span");
  text.textContent = item.text;
  const meta = document.createElement("span");
  meta.className = "ii-meta";
  meta.textContent = metaText;
  li.append(num, text, meta);
  return li;
}

export function ensureStyle() {
  if (styled) return;
  styled = true;
  const style = document.createElement("style");
  style.textContent = `
.ii { display: flex; gap: 2rem; align-items: flex-start; }
.ii-matrix { display: block; background: #fff; touch-action: none; user-select: none; }
.ii-legend { list-style: none; margin: 0; padding: 0; display: grid; gap: .4rem; }
.ii-legend li { display: flex; gap: .6rem; align-items: baseline; }
.ii-num { flex: none; display: inline-grid; place-items: center; min-width: 1.8em; height: 1.8em; border-radius: 50%; background: #1B1B1B; color: #fff; font-weight: 700; }
.ii-meta { color: var(--muted); font-size: .8em; white-space: nowrap; }
.ii-rate { display: grid; gap: .8rem; }
.ii-item { background: #fff; border: 2px solid var(--line); border-radius: 10px; padding: .7rem .8rem; min-width: 0; }
.ii-item.is-done { border-color: var(--ok); }
.ii-item__text { font-weight: 700; margin: 0 0 .4rem; }
.ii-scale { display: grid; grid-template-columns: repeat(auto-fit, minmax(44px, 1fr)); gap: .3rem 4px; align-items: center; margin-bottom: .3rem; }
/* The axis name on its own row: five 44 px targets fit a 360 px phone. */
.ii-scale > span { grid-column: 1 / -1; font-weight: 700; }
.ii-scale button { min-height: 44px; min-width: 44px; padding: 0; font-size: 1.1rem; }
.ii-fac .ii-dot:focus { outline: none; }
.ii-fac .ii-dot:focus-visible circle { stroke: #0B4F8A; stroke-width: 10; }
.ii-scale button[aria-pressed="true"] { background: var(--ink); color: #fff; }
.ii-fac .ii-matrix { width: min(100%, 560px); }
.board .ii { flex: 1 1 0; min-height: 0; align-items: stretch; }
.board .ii-matrix--board { height: 100%; width: auto; aspect-ratio: 1; flex: none; }
.board .ii-side { flex: 1; min-width: 0; font-size: 1.6rem; overflow: hidden; }
.board .ii-meta { font-size: 1.5rem; white-space: normal; }
.board .ii-legend { gap: .15rem; }
.board .ii-num { min-width: 1.5em; height: 1.5em; }
.ii-fac .ii-dot { cursor: grab; }
.ii-tools { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: .5rem 0; }
.ii-tools input, .ii-tools select { width: auto; flex: 1 1 12rem; }
.ii-labels { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: .4rem; }
.ii-list { list-style: none; padding: 0; display: grid; gap: .4rem; }
.ii-list li { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: .4rem .6rem; }
`;
  document.head.append(style);
}
