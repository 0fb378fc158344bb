// Board for `impact-inspanning`: the 2×2 matrix with numbered dots at the mean
// (lines show the spread, n the number of ratings) and the numbered legend.
import { ensureStyle, itemRow, itemsOf, labelsOf, matrixSvg, placementOf, readingOf } from "./matrix-svg.js";
import { t } from "/static/js/i18n.js";

export function render(container, view) {
  ensureStyle();
  const extra = view.activity.extra || {};
  const items = itemsOf(view.notes, extra);
  const labels = labelsOf(extra);
  const wrap = document.createElement("div");
  wrap.className = "ii";
  const placement = placementOf(extra);
  const svg = matrixSvg(items, labels, { placement });
  // The matrix is as tall as the work area (both axis labels inside); the legend takes the rest.
  svg.classList.add("ii-matrix--board");
  const side = document.createElement("div");
  side.className = "ii-side";
  const head = document.createElement("p");
  head.className = "ii-meta";
  const raters = view.plural(extra.raters || 0, t("deelnemer heeft"), t("deelnemers hebben"));
  // Scored (the app's extra) or placed together by the team (the handbook's way).
  head.textContent = !items.length
    ? t("Nog geen post-its. Plak oplossingsrichtingen of neem post-its over.")
    : extra.raters || view.activity.phase === "scoren"
      ? t("%(raters)s gescoord · vanaf 3 is hoog", { raters })
      : t("We plaatsen de post-its samen in de matrix.");
  const legend = document.createElement("ol");
  legend.className = "ii-legend";
  // While scoring runs an item's means come from the server only once enough people scored it
  // (extra.min_raters, see MIN_RATERS in the plugin): until then the board shows how many did.
  const withheld = items.filter((item) => item.withheld);
  const rated = view.plural(extra.raters || 0, t("deelnemer"), t("deelnemers"));
  for (const item of items) {
    legend.append(itemRow(item, item.withheld && !item.override
      ? t("%(n)s van %(rated)s beoordeeld", { n: item.n, rated })
      : item.quadrant
        ? labels[item.quadrant] + (item.n ? " · " + t("%(n)s scores", { n: item.n }) + (item.override ? t(" · verplaatst") : "") : "")
        : item.n ? t("nog niet geplaatst · %(n)s scores", { n: item.n }) : t("nog niet geplaatst")));
  }
  // How the quadrants are read, so "quick wins" is never taken for what it means elsewhere.
  const reading = document.createElement("p");
  reading.className = "ii-meta ii-reading";
  reading.textContent = readingOf(labels, placement);
  side.append(head, reading);
  if (withheld.length) {
    const note = document.createElement("p");
    note.className = "ii-meta ii-withheld";
    note.textContent = t("Een post-it krijgt zijn plek vanaf %(min)s scores, of als de scoronde sluit.", { min: extra.min_raters || 3 });
    side.append(note);
  }
  side.append(legend);
  wrap.append(svg, side);
  container.replaceChildren(wrap);
}
