// Board for `impact-inspanning`: the 2×2 matrix with numbered dots at the mean
// (lines show the spread, n the number of ratings) and the numbered legend.
import { ensureStyle, itemsOf, labelsOf, matrixSvg } from "./matrix-svg.js";

export function render(container, view) {
  ensureStyle();
  const extra = view.activity.extra || {};
  const items = itemsOf(view.notes, extra);
  const labels = labelsOf(extra);
  const wrap = document.createElement("div");
  wrap.className = "ii";
  const svg = matrixSvg(items, labels);
  svg.style.height = "calc(100vh - 14rem)";
  svg.style.width = "auto";
  svg.style.flex = "none";
  const side = document.createElement("div");
  side.style.fontSize = "1.5rem";
  side.style.flex = "1";
  const head = document.createElement("p");
  head.className = "ii-meta";
  head.textContent = items.length
    ? `${view.plural(extra.raters || 0, "deelnemer heeft", "deelnemers hebben")} gescoord · 3 telt als hoog`
    : "Nog geen items. Plak oplossingsrichtingen of neem post-its over.";
  const legend = document.createElement("ol");
  legend.className = "ii-legend";
  for (const item of items) {
    const li = document.createElement("li");
    li.dataset.item = item.id;
    const num = document.createElement("span");
    num.className = "ii-num";
    num.textContent = String(item.number);
    const text = document.createElement("span");
    text.textContent = item.text;
    const meta = document.createElement("span");
    meta.className = "ii-meta";
    meta.textContent = item.quadrant
      ? `${labels[item.quadrant]} · n=${item.n}${item.override ? " · verplaatst" : ""}`
      : `nog niet gescoord · n=${item.n}`;
    li.append(num, text, meta);
    legend.append(li);
  }
  side.append(head, legend);
  wrap.append(svg, side);
  container.replaceChildren(wrap);
}
