// Shared by the board and the facilitator page of `triage-analyse`: number formatting and
// the supplier × criteria table (means per cell, weights, the weighted mean per supplier).
import { lang, t } from "/static/js/i18n.js";
import { el, useStylesheet } from "/static/js/plugins.js";

const STYLE = new URL("./style.css", import.meta.url).href;
export const ensureStyle = () => useStylesheet(STYLE);

export const fmt = (value) =>
  value == null ? "—" : new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);

/** The steps' columns: [{id, number, name, notes}] with the notes of `categories`, in step order. */
export function stepColumns(extra, notes, categories) {
  const steps = extra.steps || [];
  return steps.map((s, i) => ({
    ...s,
    number: i + 1,
    notes: notes
      .filter((n) => n.data && n.data.step_id === s.id && categories.includes(n.category))
      .sort((a, b) => categories.indexOf(a.category) - categories.indexOf(b.category) || a.id - b.id),
  }));
}

/** The comparison table; `best` marks the supplier with the highest weighted mean. */
export function comparisonTable(extra) {
  const table = extra.table || { rows: [] };
  const criteria = extra.criteria || [];
  const rows = table.rows || [];
  const scored = rows.filter((r) => r.weighted != null);
  const best = scored.length ? scored.reduce((a, b) => (b.weighted > a.weighted ? b : a)).id : null;
  const box = el("table", "ta-table");
  const head = el("tr");
  head.append(el("th", null, t("Criterium")), el("th", "ta-num", t("Weging")));
  for (const r of rows) {
    const th = el("th", r.id === best ? "ta-best" : "", r.name);
    th.scope = "col";
    head.append(th);
  }
  const thead = el("thead");
  thead.append(head);
  const body = el("tbody");
  for (const c of criteria) {
    const tr = el("tr");
    const th = el("th", null, c.name);
    th.scope = "row";
    tr.append(th, el("td", "ta-num", `×${c.weight}`));
    for (const r of rows) {
      const cell = r.cells[c.id] || { mean: null, n: 0 };
      const td = el("td", "ta-num");
      td.append(el("span", "ta-mean", cell.mean == null ? "—" : fmt(cell.mean)), el("span", "ta-n", ` (${cell.n})`));
      tr.append(td);
    }
    body.append(tr);
  }
  const total = el("tr", "ta-total");
  const th = el("th", null, t("Gewogen gemiddelde"));
  th.scope = "row";
  total.append(th, el("td"));
  for (const r of rows) total.append(el("td", `ta-num${r.id === best ? " ta-best" : ""}`, fmt(r.weighted)));
  body.append(total);
  box.append(thead, body);
  box.dataset.withheld = String(Boolean(table.withheld));
  return box;
}
