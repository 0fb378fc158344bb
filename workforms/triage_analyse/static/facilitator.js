// Facilitator for `triage-analyse`: build the programma van eisen from the notes (each note
// as a must or a should, or a typed requirement), edit the suppliers and the weighted
// criteria, and follow the comparison table (aggregates only, as on the board). Every
// action is a facilitator event the server checks (the facilitator's token).
import { comparisonTable, ensureStyle } from "./common.js";
import { submitText } from "/static/js/forms.js";
import { t } from "/static/js/i18n.js";
import { button as btn, el, fold } from "/static/js/plugins.js";

const send = (view, event, payload) => view.send(`triage-analyse:${event}`, { activity_id: view.activity.id, ...payload });

function field(key, label, value = "", maxLength = 280) {
  const input = el("input");
  input.type = "text";
  input.dataset.key = key;
  input.value = value;
  input.maxLength = maxLength;
  input.setAttribute("aria-label", label);
  return input;
}

function eisen(view, extra) {
  const box = el("section", "ta-fac ta-fac--eisen");
  box.append(el("h3", null, t("Programma van eisen")));
  const steps = new Map((extra.steps || []).map((s, i) => [s.id, `${i + 1}. ${s.name}`]));
  const list = el("ul", "ta-fac__list");
  list.id = "ta-eisen";
  for (const e of extra.eisen || []) {
    const li = el("li");
    li.dataset.eis = e.id;
    li.append(el("span", `ta-prio ta-prio--${e.priority}`, e.priority === "must" ? t("Must") : t("Should")), el("span", "ta-fac__text", e.text));
    if (e.step_id && steps.has(e.step_id)) li.append(el("span", "ta-step", steps.get(e.step_id)));
    const other = e.priority === "must" ? "should" : "must";
    const flip = btn(other === "must" ? t("Maak must") : t("Maak should"), () => send(view, "eis-update", { eis_id: e.id, priority: other }));
    flip.dataset.key = `ta-flip-${e.id}`;
    const del = btn(t("Verwijderen"), () => send(view, "eis-delete", { eis_id: e.id }));
    del.dataset.key = `ta-del-${e.id}`;
    li.append(flip, del);
    list.append(li);
  }
  if (!(extra.eisen || []).length) list.append(el("li", "hint", t("Nog geen eisen. Neem ze over uit de post-its hieronder of typ er een.")));
  box.append(list);

  const form = el("form", "ta-fac__add");
  const input = field("ta-eis-text", t("Nieuwe eis"));
  input.placeholder = t("Nieuwe eis");
  const prio = el("select");
  prio.dataset.key = "ta-eis-prio";
  prio.setAttribute("aria-label", t("Prioriteit"));
  for (const [value, label] of [["must", t("Must")], ["should", t("Should")]]) {
    const o = el("option", null, label);
    o.value = value;
    prio.append(o);
  }
  const add = el("button", "small primary", t("Eis toevoegen"));
  add.type = "submit";
  form.append(input, prio, add);
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    submitText(input, (text) => send(view, "eis-add", { text, priority: prio.value }));
  });
  box.append(form);

  const taken = new Set((extra.eisen || []).map((e) => e.source).filter((s) => s != null));
  const order = { wens: 0, "niet-goed": 1, goed: 2 };
  const notes = view.notes.filter((n) => !n.hidden).sort((a, b) => (order[a.category] ?? 3) - (order[b.category] ?? 3) || a.id - b.id);
  const labels = new Map((view.meta.categories || []).map((c) => [c.slug, c.label]));
  const summary = t("Uit de post-its (%(n)s)", { n: notes.length });
  const details = fold(`${view.activity.id}:${view.activity.phase}:ta-notes`, "ta-fac__notes", summary, view.activity.phase === "eisen");
  const from = el("ul", "ta-fac__list");
  for (const n of notes) {
    const li = el("li");
    li.dataset.noteId = n.id;
    li.append(el("span", `ta-cat note--${(view.meta.categories || []).find((c) => c.slug === n.category)?.colour || "geel"}`, labels.get(n.category) || ""), el("span", "ta-fac__text", n.text));
    if (taken.has(n.id)) li.append(el("span", "ta-muted", t("in het programma")));
    else {
      for (const priority of ["must", "should"]) {
        const b = btn(priority === "must" ? t("→ Must") : t("→ Should"), () => send(view, "eis-add", { note_id: n.id, priority }));
        b.dataset.key = `ta-take-${n.id}-${priority}`;
        li.append(b);
      }
    }
    from.append(li);
  }
  details.append(from);
  box.append(details);
  return box;
}

function suppliers(view, extra, open) {
  const section = el("section", "ta-fac ta-fac--suppliers");
  section.append(el("h3", null, t("Leveranciers en criteria")));
  const table = el("div", "ta-table-wrap");
  table.append(comparisonTable(extra));
  section.append(table);
  if (view.activity.phase === "keuze") section.append(choice(view, extra));
  // Before the scoring the editors fold away; they can be prepared at any time.
  const box = el("details");
  box.open = open;
  box.dataset.key = "ta-sup-details";
  box.append(el("summary", null, t("Leveranciers en criteria aanpassen")));
  section.append(box);

  const sup = el("ul", "ta-fac__list");
  sup.id = "ta-suppliers";
  for (const s of extra.suppliers || []) {
    const li = el("li");
    const name = field(`ta-sup-${s.id}`, t("Naam van leverancier %(name)s", { name: s.name }), s.name, 60);
    name.addEventListener("change", () => { if (name.value.trim() && name.value !== s.name) send(view, "supplier-rename", { supplier_id: s.id, name: name.value }); });
    const del = btn(t("Verwijderen"), () => { if (confirm(t("Leverancier %(name)s en de scores verwijderen?", { name: s.name }))) send(view, "supplier-delete", { supplier_id: s.id }); });
    del.dataset.key = `ta-sup-del-${s.id}`;
    li.append(name, del);
    sup.append(li);
  }
  box.append(el("h4", null, t("Leveranciers")), sup);
  const addSup = el("form", "ta-fac__add");
  const supName = field("ta-sup-new", t("Leverancier toevoegen"), "", 60);
  supName.placeholder = t("Leverancier toevoegen");
  const supBtn = el("button", "small", t("Toevoegen"));
  supBtn.type = "submit";
  addSup.append(supName, supBtn);
  addSup.addEventListener("submit", (ev) => { ev.preventDefault(); submitText(supName, (name) => send(view, "supplier-add", { name })); });
  box.append(addSup);

  const crit = el("ul", "ta-fac__list");
  crit.id = "ta-criteria";
  for (const c of extra.criteria || []) {
    const li = el("li");
    const name = field(`ta-crit-${c.id}`, t("Naam van criterium %(name)s", { name: c.name }), c.name, 60);
    name.addEventListener("change", () => { if (name.value.trim() && name.value !== c.name) send(view, "criterion-update", { criterion_id: c.id, name: name.value }); });
    const weight = el("select");
    weight.dataset.key = `ta-weight-${c.id}`;
    weight.setAttribute("aria-label", t("Weging van %(name)s", { name: c.name }));
    for (let w = 1; w <= 5; w += 1) {
      const o = el("option", null, `×${w}`);
      o.value = String(w);
      o.selected = w === c.weight;
      weight.append(o);
    }
    weight.addEventListener("change", () => send(view, "criterion-update", { criterion_id: c.id, weight: Number(weight.value) }));
    const del = btn(t("Verwijderen"), () => { if (confirm(t("Criterium %(name)s en de scores verwijderen?", { name: c.name }))) send(view, "criterion-delete", { criterion_id: c.id }); });
    del.dataset.key = `ta-crit-del-${c.id}`;
    li.append(name, weight, del);
    crit.append(li);
  }
  box.append(el("h4", null, t("Criteria en weging")), crit);
  const addCrit = el("form", "ta-fac__add");
  const critName = field("ta-crit-new", t("Criterium toevoegen"), "", 60);
  critName.placeholder = t("Criterium toevoegen");
  const critBtn = el("button", "small", t("Toevoegen"));
  critBtn.type = "submit";
  addCrit.append(critName, critBtn);
  addCrit.addEventListener("submit", (ev) => { ev.preventDefault(); submitText(critName, (name) => send(view, "criterion-add", { name, weight: 1 })); });
  box.append(addCrit);
  return section;
}

function choice(view, extra) {
  const bar = el("div", "ta-fac__choice");
  bar.setAttribute("role", "group");
  bar.setAttribute("aria-label", t("Keuze van de leverancier"));
  bar.append(el("strong", null, t("Keuze:")));
  for (const s of extra.suppliers || []) {
    const on = extra.choice === s.id;
    const b = btn(s.name, () => send(view, "choose", { supplier_id: on ? null : s.id }), on ? "small primary" : "small");
    b.dataset.key = `ta-choose-${s.id}`;
    b.setAttribute("aria-pressed", String(on));
    bar.append(b);
  }
  return bar;
}

function goals(extra) {
  const box = el("section", "ta-fac");
  box.append(el("h3", null, t("Stippen op de doelen")));
  const list = el("ol", "ta-fac__list");
  for (const g of extra.goals || []) list.append(el("li", null, `${g.title}: ${g.dots}`));
  box.append(list);
  return box;
}

export function render(container, view) {
  ensureStyle();
  container.replaceChildren();
  const extra = view.activity.extra || {};
  const phase = view.activity.phase;
  if (phase === "leveranciers") container.append(suppliers(view, extra, true), eisen(view, extra));
  else if (phase === "keuze") container.append(suppliers(view, extra, false), eisen(view, extra));
  else if (phase === "doelen") container.append(goals(extra), eisen(view, extra), suppliers(view, extra, false));
  else container.append(eisen(view, extra), suppliers(view, extra, false));
}
