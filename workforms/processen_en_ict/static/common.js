// Shared by the processen-en-ict board, phone and facilitator modules.
import { t } from "/static/js/i18n.js";
export const ROWS = [
  ["huidig", t("Huidige acties in het systeem")],
  ["gewenst", t("Gewenste acties in het systeem")],
  ["wens", t("Wens")],
  ["verbeteren", t("Verbeteren")],
  ["mogelijkheden", t("Mogelijkheden")],
];
// The handbook's template has the two action rows under every step (H:L2372-2430); the
// rows of notes (wish, improvement, possibility) show on the board once a step has one.
export const ALWAYS_ROWS = new Set(["huidig", "gewenst"]);

// The notes of one step and row of the shown view, in posting order.
export function notesOf(notes, viewName, stepId, row) {
  return notes.filter((n) => n.category === row && n.data && n.data.view === viewName && n.data.step_id === stepId);
}

// "Nu digitaal" / "Nu niet digitaal", or nothing where it is not stated (a preset: the handbook does not say).
export function digitalText(step) {
  if (step.digital === null || step.digital === undefined) return null;
  return step.digital ? t("Nu digitaal") : t("Nu niet digitaal");
}
export const VIEW_TITLES = { huidig: t("Huidig proces"), gewenst: t("Gewenst proces") };
export const EFFECTS = { "draagt bij": t("Draagt bij aan ambitie"), "geen invloed": t("Geen invloed op ambitie") };

export function h(tag, opts = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(opts)) {
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? "" : String(v));
  }
  node.append(...children.filter(Boolean));
  return node;
}

export function activeView(extra) {
  const views = (extra && extra.views) || {};
  const name = extra && extra.active && views[extra.active] ? extra.active : "huidig";
  return { name, view: views[name] || { name: "", start: "", end: "", steps: [] } };
}

export function questionsList(extra, className) {
  const list = h("ol", { class: className });
  for (const q of (extra && extra.questions) || []) list.append(h("li", { text: t(q) })); // the server sends the handbook's questions in Dutch;
  return list;
}

// "Systeem: Medicom, Mijn MGM?" — an uncertain system gets a visible "?" and, for screen
// readers, the word "onzeker" (the "?" alone is read as nothing or as "vraagteken").
export function systemsLine(step, className) {
  const unsure = new Set(step.uncertain_systems || []);
  const line = h("div", { class: className }, document.createTextNode(`${t("Systeem")}: `));
  if (!step.systems.length) line.append(document.createTextNode("—"));
  step.systems.forEach((name, i) => {
    if (i) line.append(document.createTextNode(", "));
    if (!unsure.has(name)) { line.append(document.createTextNode(name)); return; }
    line.append(h("span", { class: "pi-unsure", "data-system": name, title: t("onzeker") },
      document.createTextNode(`${name}?`), h("span", { class: "sr-only", text: ` (${t("onzeker")})` })));
  });
  return line;
}

// The step's numbered alternatives (branches), stacked in its column.
export function alternativesList(step, className) {
  const alts = step.alternatives || [];
  if (!alts.length) return null;
  const list = h("ol", { class: className, "aria-label": t("Alternatieven") });
  alts.forEach((alt, i) => list.append(h("li", { text: `${i + 1}. ${alt}` })));
  return list;
}

let styled = false;
export function ensureStyle() {
  if (styled) return;
  styled = true;
  const style = document.createElement("style");
  style.textContent = `
.pi-head { display: flex; gap: 1.5rem; align-items: baseline; flex-wrap: wrap; margin-bottom: .8rem; }
.pi-head__name { font-size: 1.8rem; font-weight: 700; }
.pi-head__ends { color: var(--muted); font-size: 1.3rem; }
.pi-badge { display: inline-block; padding: .1em .5em; border-radius: 6px; border: 2px solid var(--ink); font-weight: 700; font-size: .85em; }
.pi-grid { display: grid; gap: .5rem; align-items: start; }
.pi-rowlabel { font-weight: 700; font-size: 1.05rem; padding-top: .4rem; }
.pi-step { background: #fff; border: 3px solid var(--ink); border-radius: 8px; padding: .5rem .6rem; font-size: 1.05rem; }
.pi-step__name { font-weight: 700; font-size: 1.2rem; }
.pi-step__meta { color: var(--muted); font-size: .95rem; }
.pi-step__alts { list-style: none; margin: .3rem 0; padding: 0; display: grid; gap: .2rem; }
.pi-step__alts li { border-left: 4px solid var(--ink); padding-left: .4rem; font-weight: 600; }
.pi-unsure { font-style: italic; }
.pi-fac textarea.pi-alts { min-height: 4.5rem; flex: 1 1 14rem; }
.pi-step__poss { font-size: .85rem; margin: .3rem 0 0; padding-left: 1.1rem; }
.pi-cell { display: grid; gap: .3rem; min-height: 2.5rem; border: 1px dashed var(--line); border-radius: 6px; padding: .25rem; }
.pi-cell .note { font-size: .95rem; padding: .3em .4em; }
/* Board: the grid fills the work area and shrinks with the fitter's note size (static/js/fit.js);
   what the room reads stays at 24 px or more at 1080p (1.5rem). */
.board .pi-board { display: flex; flex-direction: column; gap: .5rem; flex: 1 1 0; min-height: 0; }
.board .pi-head { margin: 0; }
.board .pi-head__name { font-size: 2rem; }
.board .pi-head__ends, .board .pi-badge { font-size: 1.5rem; }
.board .pi-grid { font-size: var(--note-fs, 2rem); gap: .4rem; }
.board .pi-rowlabel { font-size: 1.5rem; padding-top: .2rem; line-height: 1.1; }
/* An empty foot (the questions hidden, no goals linked) takes no room. */
.board__work:not([data-clamp="0"]) .pi-foot:not(:has(> :not(.pi-foot__questions))),
.pi-board:has(.pi-grid[data-paged="true"]) .pi-foot:not(:has(> :not(.pi-foot__questions))) { display: none; }
.board .pi-step { font-size: 1.5rem; padding: .3rem .4rem; line-height: 1.2; }
.board .pi-step__name { font-size: max(1.5rem, .85em); }
.board .pi-step__meta { font-size: 1.5rem; line-height: 1.15; }
.board .pi-step__poss { font-size: max(1.5rem, .8em); padding-left: 1.2em; }
.pi-step__posscount { display: none; }
.board__work:not([data-clamp="0"]) .pi-step__poss { display: none; }
/* A full grid has the room for its notes, not for the handbook's questions (the facilitator page has them). */
.board__work:not([data-clamp="0"]) .pi-foot__questions, .pi-board:has(.pi-grid[data-paged="true"]) .pi-foot__questions { display: none; }
.board__work:not([data-clamp="0"]) .pi-step__posscount { display: block; font-size: 1.5rem; font-weight: 700; }
/* A full grid at the floor: a step's role, systems and "digitaal" run on as one paragraph (fewer lines). */
.board__work:not([data-clamp="0"]) .pi-step__meta { display: inline; }
.board__work:not([data-clamp="0"]) .pi-step__meta + .pi-step__meta::before { content: " · "; }
.board__work:not([data-clamp="0"]) .pi-step__posscount::before { content: ""; display: block; }
/* A full grid at the floor: compact step headers (the facilitator page and the PDF have them whole).
   The name in three lines, then two; each numbered alternative in two lines, then one; of more
   than three alternatives the first two and a "+ 2 meer" badge; the facts in three lines, then two. */
.board__work:not([data-clamp="0"]) .pi-step__name { display: -webkit-box; -webkit-box-orient: vertical; overflow: hidden; -webkit-line-clamp: 3; }
.board__work[data-clamp="3"] .pi-step .pi-step__name { -webkit-line-clamp: 2; }
.board__work:not([data-clamp="0"]) .pi-step__alts { margin: .15rem 0; gap: .1rem; }
.board__work:not([data-clamp="0"]) .pi-step__alts li { display: -webkit-box; -webkit-box-orient: vertical; overflow: hidden; -webkit-line-clamp: 2; }
.board__work[data-clamp="3"] .pi-step .pi-step__alts li { -webkit-line-clamp: 1; overflow-wrap: anywhere; }
.board__work[data-clamp="3"] .pi-step__alts[data-many] li:nth-child(n+3) { display: none; }
.pi-step__more { display: none; }
.board__work[data-clamp="3"] .pi-step__more { display: inline-block; font-size: 1.5rem; font-weight: 700; padding: 0 .4em; margin-bottom: .15rem;
  border: 2px solid var(--ink); border-radius: 999px; background: var(--paper, #F6F3EC); }
.board__work[data-clamp="3"] .pi-step .pi-step__facts.clamp { -webkit-line-clamp: 2; }
/* A paged grid says in its corner which steps it shows, and which way the process goes on. */
.pi-pages { align-self: start; font-size: 1.5rem; font-weight: 700; line-height: 1.2; border: 3px solid var(--ink); border-radius: 12px;
  padding: .2em .5em; background: #fff; }
.pi-pages[data-before="true"]::before { content: "← "; }
.pi-pages[data-after="true"]::after { content: " →"; }
/* A wide column (a paged grid) packs its notes side by side, post-its on a wall, each sized to its text. */
.board .pi-cell { padding: .15rem; gap: .25rem; min-height: 1.5rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 11em), 1fr)); align-items: start; }
.board .pi-cell .note { font-size: var(--note-fs, 2rem); padding: .15em .3em; line-height: 1.2; }
.board .pi-foot { font-size: 1.5rem; margin: 0; gap: 1.5rem; }
.board .pi-questions { columns: 2; column-gap: 2.5rem; }
/* The row label sits left of the grid, so each post-it does not repeat it on screen;
   screen readers still hear it with every note. */
.pi-cell .note__label { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.pi-foot { display: flex; gap: 2rem; margin-top: 1rem; font-size: 1rem; }
.pi-questions { margin: 0; padding-left: 1.3rem; color: var(--muted); }
.pi-link { list-style: none; padding: 0; margin: 0; }
.pi-picker { display: grid; gap: .4rem; margin: .5rem 0; }
.pi-picker button { text-align: left; min-height: 44px; }
.pi-picker button[aria-pressed="true"] { background: var(--ink); color: #fff; }
.pi-fac fieldset { border: 1px solid var(--line); border-radius: 8px; margin: .6rem 0; }
.pi-fac .pi-tools { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
.pi-fac .pi-tools input, .pi-fac .pi-tools select { width: auto; flex: 1 1 10rem; }
.pi-fac .pi-steps { list-style: none; padding: 0; display: grid; gap: .5rem; }
.pi-fac .pi-steps li { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: .5rem; display: grid; gap: .4rem; }
.pi-fac label.pi-check { display: inline-flex; gap: .3rem; align-items: center; margin-right: .6rem; }
.pi-fac label.pi-check input { width: auto; flex: none; }
.pi-fac .pi-notes { display: grid; gap: .3rem; }
.pi-fac .pi-notes h4 { margin: .2rem 0 0; font-size: .95rem; }
.pi-fac .pi-notes ul { list-style: none; margin: 0; padding: 0; display: grid; gap: .25rem; }
.pi-fac .pi-notes li { display: flex; gap: .4rem; align-items: center; border: 0; padding: 0; background: none; }
.pi-fac .pi-notes li input { flex: 1 1 12rem; }
`;
  document.head.append(style);
}
