// Board for `actieplan`: the action table, large for the projector. A long plan is
// a wall (static/js/fit.js) in reading order: each action is a one-row table with
// the same column widths, and every column of the wall (and every page) starts
// with the column headers, so a plan of forty actions flows into two columns and
// pages like the notes of the other boards ("pagina 1 van 2"), never off the screen.
import { actionOf, dutchDate, el, ensureStyle, statusLabel } from "./common.js";
import { wallElement } from "/static/js/fit.js";
import { t } from "/static/js/i18n.js";

function columns() {
  const cols = el("colgroup");
  for (const name of ["what", "who", "due", "status"]) cols.append(el("col", `ap-col--${name}`));
  return cols;
}

function headerTable() {
  const table = el("table", "ap-table ap-table--board ap-table--head");
  const thead = el("thead");
  const row = el("tr");
  for (const h of [t("Wat"), t("Wie"), t("Wanneer"), t("Status")]) row.append(el("th", "", h));
  thead.append(row);
  table.append(columns(), thead);
  table.dataset.head = "plain";
  return table;
}

function actionRow(a) {
  const table = el("table", "ap-table ap-table--board ap-table--row");
  table.dataset.noteId = a.id;
  const body = el("tbody");
  const tr = el("tr");
  tr.dataset.actionId = a.id;
  const what = el("td", "ap-what");
  // Past the smallest text a long action is clamped to a few lines (the facilitator page has it whole).
  what.append(el("span", "ap-what__text clamp", a.what));
  if (a.source) what.append(el("span", "ap-source", t("uit: %(source)s", { source: a.source })));
  tr.append(what, el("td", "ap-who", a.who || "—"), el("td", "ap-due", dutchDate(a.due)));
  const status = el("td", "ap-status");
  status.append(el("span", `ap-badge ap-badge--${a.status}`, statusLabel(a.status)));
  tr.append(status);
  body.append(tr);
  table.append(columns(), body);
  return table;
}

export function render(container, view) {
  ensureStyle();
  const actions = view.notes.map(actionOf);
  if (!actions.length) {
    container.replaceChildren(el("p", "board__empty", t("Nog geen acties. De begeleider vult ze hier in: wat, wie en wanneer.")));
    return;
  }
  const wall = wallElement("ap-wall", { flow: true, column: 36 });
  wall.append(headerTable(), ...actions.map(actionRow));
  container.replaceChildren(wall);
}
