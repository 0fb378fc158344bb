// Board for `triage-analyse`: per phase what the room works on. Goed / niet goed and the
// wishes as a column per step of the triage process (each a wall the shell's fitter packs),
// the six goals with their dots, the programma van eisen (must, should), and the supplier
// table with weighted means only (never who scored what).
import { comparisonTable, ensureStyle, stepColumns } from "./common.js";
import { t } from "/static/js/i18n.js";
import { el } from "/static/js/plugins.js";

// In a narrow column the label says it short ("GAAT NIET GOED" would take two lines per note).
const SHORT = { goed: t("Goed"), "niet-goed": t("Niet goed") };

// Notes one step's column holds before it gets a second note column.
const PER_RUN = 6;

/** `notes` in `k` runs in reading order (top to bottom, then the next column). */
function runs(notes, k) {
  const size = Math.ceil(notes.length / k);
  return Array.from({ length: k }, (_, i) => notes.slice(i * size, (i + 1) * size)).filter((r) => r.length);
}

function columns(container, view, categories, empty) {
  const extra = view.activity.extra || {};
  const cols = stepColumns(extra, view.notes, categories);
  if (!cols.some((c) => c.notes.length)) {
    container.append(el("p", "board__empty", empty));
    return;
  }
  // A busy step (more than PER_RUN notes) gets a second note column, and the width for it.
  const runsOf = (col) => Math.max(1, Math.min(3, Math.ceil(col.notes.length / PER_RUN)));
  const wrap = el("div", "ta-columns");
  wrap.style.gridTemplateColumns = cols.map((c) => `minmax(0, ${runsOf(c)}fr)`).join(" ");
  cols.forEach((col) => {
    const section = el("section", "ta-col");
    section.dataset.step = col.id;
    section.append(el("h2", "ta-col__title", `${col.number}. ${col.name}`));
    const walls = el("div", "ta-col__walls");
    if (col.notes.length) for (const run of runs(col.notes, runsOf(col))) view.layout(walls, run);
    else walls.append(el("p", "ta-col__empty", t("Nog niets.")));
    section.append(walls);
    for (const note of col.notes) {
      const label = walls.querySelector(`[data-note-id="${note.id}"] .note__label`);
      if (label && label.firstChild && label.firstChild.nodeType === Node.TEXT_NODE && SHORT[note.category]) {
        label.firstChild.nodeValue = SHORT[note.category];
      }
    }
    wrap.append(section);
  });
  container.append(wrap);
}

function goals(container, extra) {
  const list = el("ol", "ta-goals");
  const max = Math.max(1, ...(extra.goals || []).map((g) => g.dots));
  for (const g of extra.goals || []) {
    const li = el("li", "ta-goal");
    li.dataset.goal = g.id;
    const count = el("span", "ta-goal__dots", String(g.dots));
    count.setAttribute("aria-label", t("%(n)s stippen", { n: g.dots }));
    const bar = el("span", "ta-goal__bar");
    bar.style.width = `${(100 * g.dots) / max}%`;
    li.append(count, el("strong", "ta-goal__title", g.title), el("span", "ta-goal__text", g.text), bar);
    list.append(li);
  }
  container.append(el("p", "ta-lead", t("Wat wil de organisatie bereiken met een triagetool? Iedereen heeft %(n)s stippen.", { n: extra.dots_per_participant })), list);
}

function eisen(container, extra) {
  const all = extra.eisen || [];
  const steps = new Map((extra.steps || []).map((s, i) => [s.id, `${i + 1}. ${s.name}`]));
  const wrap = el("div", "ta-eisen");
  for (const [priority, title] of [["must", t("Must")], ["should", t("Should")]]) {
    const these = all.filter((e) => e.priority === priority);
    const section = el("section", `ta-eisen__col ta-eisen__col--${priority}`);
    section.append(el("h2", null, `${title} (${these.length})`));
    const list = el("ul");
    for (const e of these) {
      const li = el("li", null, e.text);
      if (e.step_id && steps.has(e.step_id)) li.append(el("span", "ta-step", steps.get(e.step_id)));
      list.append(li);
    }
    if (!these.length) list.append(el("li", "ta-muted", t("Nog geen eisen.")));
    section.append(list);
    wrap.append(section);
  }
  container.append(el("p", "ta-lead", t("Programma van eisen")), wrap);
}

function suppliers(container, extra) {
  const table = extra.table || {};
  container.append(el("p", "ta-lead", table.withheld
    ? t("Scoor op je telefoon elke leverancier per criterium van 1 tot 5. Een gemiddelde verschijnt vanaf %(n)s scores.", { n: table.min_raters })
    : t("Gemiddelde scores (1–5) en het gewogen gemiddelde per leverancier; tussen haakjes het aantal scores.")));
  const box = el("div", "ta-table-wrap");
  box.append(comparisonTable(extra));
  container.append(box);
  const chosen = (extra.suppliers || []).find((s) => s.id === extra.choice);
  if (chosen) container.append(el("p", "ta-choice", t("Gekozen leverancier: %(name)s", { name: chosen.name })));
}

export function render(container, view) {
  ensureStyle();
  container.replaceChildren();
  const extra = view.activity.extra || {};
  const phase = view.activity.phase;
  if (phase === "goed-niet-goed") {
    columns(container, view, ["goed", "niet-goed"], t("Nog geen post-its. Scan de QR-code: kies een stap en schrijf wat goed gaat en wat niet goed gaat."));
  } else if (phase === "doelen") goals(container, extra);
  else if (phase === "wensen") columns(container, view, ["wens"], t("Nog geen wensen. Scan de QR-code: kies een stap en schrijf je wens."));
  else if (phase === "eisen") eisen(container, extra);
  else suppliers(container, extra);
}
