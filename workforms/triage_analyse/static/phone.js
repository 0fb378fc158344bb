// Phone for `triage-analyse`: pick a step of the triage process before posting (goed /
// niet goed, wishes), put three dots on the six goals, and score each supplier per
// criterion 1–5. Only this phone's own dots and scores come back (`triage-analyse:mine`).
import { ensureStyle } from "./common.js";
import { t } from "/static/js/i18n.js";
import { el } from "/static/js/plugins.js";

const chosen = new Map(); // activity id → step id
const mine = new Map(); // activity id → {dots, scores, loading}

function own(view) {
  const id = view.activity.id;
  let m = mine.get(id);
  if (!m) {
    m = { dots: [], scores: {}, loading: true };
    mine.set(id, m);
    view.request("triage-analyse:mine", { activity_id: id }).then((ack) => {
      m.loading = false;
      if (ack.ok) { m.dots = ack.dots || []; m.scores = ack.scores || {}; view.refresh(); } else view.showError(ack.error);
    });
  }
  return m;
}

function pickStep(area, view, hint) {
  const extra = view.activity.extra || {};
  area.append(el("p", "hint", hint));
  const picker = el("div", "ta-picker");
  picker.setAttribute("role", "group");
  picker.setAttribute("aria-label", t("Stap van het triageproces"));
  (extra.steps || []).forEach((step, i) => {
    const b = el("button", null, `${i + 1}. ${step.name}`);
    b.type = "button";
    b.dataset.step = step.id;
    b.setAttribute("aria-pressed", String(chosen.get(view.activity.id) === step.id));
    b.addEventListener("click", () => { chosen.set(view.activity.id, step.id); view.showError(""); view.refresh(); });
    picker.append(b);
  });
  area.append(picker);
}

function dots(area, view) {
  const extra = view.activity.extra || {};
  const m = own(view);
  const left = (extra.dots_per_participant || 3) - m.dots.length;
  area.append(el("p", "hint", t("Welke doelen wegen voor jullie het zwaarst? Nog %(n)s stippen.", { n: left })));
  const list = el("div", "ta-goal-pick");
  for (const g of extra.goals || []) {
    const on = m.dots.includes(g.id);
    const b = el("button", on ? "ta-dot is-on" : "ta-dot");
    b.type = "button";
    b.dataset.goal = g.id;
    b.setAttribute("aria-pressed", String(on));
    b.append(el("strong", null, `${on ? "● " : ""}${g.title}`), el("span", "ta-dot__text", g.text));
    b.addEventListener("click", async () => {
      const ack = await view.request("triage-analyse:dot", { activity_id: view.activity.id, goal: g.id, on: !on });
      if (ack.ok) { m.dots = ack.dots; view.showError(""); view.refresh(); } else view.showError(ack.error);
    });
    list.append(b);
  }
  area.append(list);
}

function scores(area, view) {
  const extra = view.activity.extra || {};
  const m = own(view);
  const criteria = extra.criteria || [];
  const total = (extra.suppliers || []).length * criteria.length;
  area.append(el("p", "hint", t("%(done)s van %(n)s scores gegeven. 1 = slecht, 5 = goed.", { done: Object.keys(m.scores).length, n: total })));
  for (const s of extra.suppliers || []) {
    const card = el("section", "ta-supplier");
    card.dataset.supplier = s.id;
    card.append(el("h3", null, s.name));
    for (const c of criteria) {
      const key = `${s.id}:${c.id}`;
      const row = el("div", "ta-scale");
      row.setAttribute("role", "group");
      row.setAttribute("aria-label", `${s.name}: ${c.name}`);
      row.append(el("span", "ta-scale__label", c.name));
      for (let v = 1; v <= 5; v += 1) {
        const b = el("button", null, String(v));
        b.type = "button";
        b.dataset.score = String(v);
        b.dataset.criterion = c.id;
        const on = m.scores[key] === v;
        b.setAttribute("aria-pressed", String(on));
        b.addEventListener("click", async () => {
          const score = on ? null : v;
          const ack = await view.request("triage-analyse:score", { activity_id: view.activity.id, supplier_id: s.id, criterion_id: c.id, score });
          if (!ack.ok) { view.showError(ack.error); return; }
          if (score == null) delete m.scores[key]; else m.scores[key] = score;
          view.showError("");
          view.refresh();
        });
        row.append(b);
      }
      card.append(row);
    }
    area.append(card);
  }
}

// The colours of each posting phase: goed / niet goed first, the wishes later (the server
// refuses the others). The shell draws every category; this hides those of the other phase.
const PHASE_CATEGORIES = { "goed-niet-goed": ["goed", "niet-goed"], wensen: ["wens"] };

function onlyCategories(view) {
  const allowed = PHASE_CATEGORIES[view.activity.phase];
  if (!allowed || !view.composer) return;
  const inputs = [...view.composer.querySelectorAll("input[name=category]")];
  for (const input of inputs) input.closest("label").hidden = !allowed.includes(input.value);
  if (!inputs.some((i) => i.checked && allowed.includes(i.value))) {
    const first = inputs.find((i) => allowed.includes(i.value));
    if (first) first.checked = true;
  }
  const box = view.composer.querySelector("#categories");
  if (box) box.hidden = allowed.length < 2;
}

export function render(area, view) {
  ensureStyle();
  onlyCategories(view);
  area.replaceChildren();
  const phase = view.activity.phase;
  if (phase === "goed-niet-goed") pickStep(area, view, t("Kies een stap van het triageproces, dan Gaat goed of Gaat niet goed."));
  else if (phase === "wensen") pickStep(area, view, t("Kies een stap van het triageproces en schrijf wat je het systeem daar wilt laten doen."));
  else if (phase === "doelen") dots(area, view);
  else if (phase === "leveranciers") scores(area, view);
  else area.append(el("p", "hint", phase === "eisen"
    ? t("De begeleider stelt het programma van eisen op. Kijk mee op het scherm.")
    : t("Kijk mee op het scherm: de vergelijking van de leveranciers.")));
}

export function noteData(view) {
  const step = chosen.get(view.activity.id);
  if (!step || !((view.activity.extra || {}).steps || []).some((s) => s.id === step)) {
    return { error: t("Kies eerst een stap van het triageproces.") };
  }
  return { data: { step_id: step } };
}
