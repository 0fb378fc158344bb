// The "Verwacht en bereikt" step of `evaluatie` (handbook Stap 3.1 c): each phone rates
// each session goal bereikt / deels bereikt / niet bereikt with an optional comment; the
// board shows per goal the counts and the comments (aggregates from activity.extra, never
// who); the facilitator records the team's conclusion per goal, or adds goals when the
// session has none. Goals themselves come with every view (view.goals).
import { ensureCss, grouped } from "./common.js";
import { wallElement } from "/static/js/fit.js";
import { onSubmitText } from "/static/js/forms.js";
import { t } from "/static/js/i18n.js";
import { button, el, fetchOwn } from "/static/js/plugins.js";

// Rating → design token (colour is never alone: the label is always shown).
const COLOURS = { bereikt: "groen", deels: "geel", niet: "roze" };
const labelsOf = (extra) => extra.ratings || [];
const labelOf = (extra, slug) => (labelsOf(extra).find((r) => r.slug === slug) || {}).label || "";

// --- phone ------------------------------------------------------------------------------

const mine = new Map(); // activity id → {ratings: {goal id: {rating, text}}, loading}
const status = new Map(); // "activity:goal" → {kind, message}
let focus = null; // the comment being typed: {key, start, end}

const own = (view) => fetchOwn(mine, view, "evaluatie:mine", (ack) => ({ ratings: ack.goals || {} }));

export function renderPhone(area, view) {
  ensureCss();
  const activity = view.activity;
  const extra = activity.extra || {};
  const goals = view.goals || [];
  const entry = own(view);
  // The shell's "watch the screen" line does not fit while everyone rates on the phone.
  const closedInfo = document.getElementById("closed-info");
  if (closedInfo) closedInfo.hidden = !activity.locked;
  const root = el("div", "ev-phone ev-goals-phone");
  const done = goals.filter((g) => entry.ratings[String(g.id)]).length;
  const progress = el("p", "ev-progress-line", t("%(done)s van %(n)s doelstellingen beoordeeld", { done, n: goals.length }));
  progress.id = "ev-goal-progress";
  root.append(progress);
  if (!goals.length) {
    root.append(el("p", "card", t("Deze bijeenkomst heeft geen doelstellingen om te evalueren. Kijk mee op het scherm.")));
    area.append(root);
    return;
  }
  root.append(el("p", "hint", t("Is de doelstelling bereikt? Anoniem: het scherm toont alleen aantallen.")));
  if (activity.locked) root.append(el("p", "card", t("De begeleider heeft dit onderdeel even op slot gezet.")));
  goals.forEach((goal, i) => root.append(phoneGoal(goal, i + 1, entry, view, extra)));
  area.append(root);
  if (focus) {
    const field = root.querySelector(`textarea[data-key="${focus.key}"]`);
    if (field && !field.disabled) {
      field.focus({ preventScroll: true });
      field.setSelectionRange(focus.start, focus.end);
    }
  }
}

function phoneGoal(goal, number, entry, view, extra) {
  const activityId = view.activity.id;
  const key = `${activityId}:${goal.id}`;
  const saved = entry.ratings[String(goal.id)] || null;
  const card = el("section", "ev-q ev-goal");
  card.dataset.goal = String(goal.id);
  if (saved) card.classList.add("is-answered");
  const title = el("h3", "ev-q__text", `${number}. ${goal.title}`);
  title.id = `ev-goal-title-${goal.id}`;
  card.append(title);
  const field = el("textarea", "ev-answer-field");
  field.rows = 2;
  field.maxLength = extra.max_comment || 280;
  field.placeholder = t("Toelichting (mag leeg blijven)");
  field.setAttribute("aria-label", t("Toelichting bij doelstelling %(n)s", { n: number }));
  field.dataset.key = `ev-goal-${activityId}-${goal.id}`;
  field.value = saved ? saved.text : "";
  field.disabled = view.activity.locked;
  const send = (rating) => save(goal, rating, field.value, view, key);
  const buttons = el("div", "ev-rating");
  buttons.setAttribute("role", "group");
  buttons.setAttribute("aria-labelledby", title.id);
  for (const r of labelsOf(extra)) {
    const b = el("button", `ev-rating__button note--${COLOURS[r.slug]}`, r.label);
    b.type = "button";
    b.dataset.rating = r.slug;
    b.disabled = view.activity.locked;
    b.setAttribute("aria-pressed", String(Boolean(saved && saved.rating === r.slug)));
    b.addEventListener("click", () => send(r.slug));
    buttons.append(b);
  }
  field.addEventListener("input", () => {
    focus = { key: field.dataset.key, start: field.selectionStart, end: field.selectionEnd };
    drafts.set(key, field.value);
  });
  field.addEventListener("blur", () => {
    focus = null;
    const current = entry.ratings[String(goal.id)];
    if (current && field.value.trim() !== (current.text || "")) send(current.rating);
  });
  if (drafts.has(key)) field.value = drafts.get(key);
  card.append(buttons, field);
  const state = status.get(key);
  const line = el("p", `ev-status${state && state.kind === "error" ? " error" : ""}`, state ? state.message : "");
  line.setAttribute("role", state && state.kind === "error" ? "alert" : "status");
  card.append(line);
  return card;
}

const drafts = new Map(); // "activity:goal" → comment typed, not stored yet

async function save(goal, rating, text, view, key) {
  const activityId = view.activity.id;
  status.set(key, { kind: "saving", message: t("Opslaan…") });
  view.refresh();
  const ack = await view.request("evaluatie:goal-rate", { activity_id: activityId, goal_id: goal.id, rating, text });
  if (ack.ok) {
    const entry = mine.get(activityId);
    if (entry) entry.ratings = ack.goals || {};
    drafts.delete(key);
    status.set(key, { kind: "saved", message: t("Opgeslagen") });
  } else {
    status.set(key, { kind: "error", message: ack.error || t("Niet opgeslagen.") });
  }
  view.refresh();
}

// --- board ------------------------------------------------------------------------------

function counts(goal, result, extra) {
  const box = el("div", "ev-goal-counts");
  for (const r of labelsOf(extra)) {
    const n = (result.counts || {})[r.slug] || 0;
    const chip = el("span", `ev-goal-count note--${COLOURS[r.slug]}`);
    chip.dataset.rating = r.slug;
    chip.append(el("strong", null, String(n)), " ", r.label);
    box.append(chip);
  }
  return box;
}

export function renderBoard(container, view) {
  ensureCss();
  container.replaceChildren();
  const extra = view.activity.extra || {};
  const goals = view.goals || [];
  const root = el("div", "ev-board ev-goals-board");
  root.setAttribute("role", "region");
  root.setAttribute("aria-label", t("Verwacht en bereikt"));
  const n = extra.goal_raters || 0;
  const count = el("p", "ev-count");
  count.append(el("strong", "ev-count__n", String(n)), " ", n === 1 ? t("deelnemer gaf een oordeel") : t("deelnemers gaven een oordeel"));
  root.append(count);
  if (!goals.length) {
    root.append(el("p", "board__empty", t("Deze bijeenkomst heeft geen doelstellingen om te evalueren.")));
    container.append(root);
    return;
  }
  root.append(el("p", "ev-lead", t("Is de doelstelling bereikt? Geef je oordeel op je telefoon.")));
  const wall = wallElement("ev-wall", { flow: true, column: 24 });
  goals.forEach((goal, i) => {
    const result = (extra.goal_results || {})[String(goal.id)] || { counts: {}, comments: [] };
    const card = el("section", "ev-result ev-goal-result");
    card.dataset.head = "";
    card.dataset.goal = String(goal.id);
    card.append(el("h3", "ev-result__q wall__title", `${i + 1}. ${goal.title}`), counts(goal, result, extra));
    const conclusion = (extra.conclusions || {})[String(goal.id)];
    if (conclusion && (conclusion.rating || conclusion.text)) {
      const line = el("p", "ev-goal-conclusion");
      line.append(el("strong", null, `${t("Conclusie:")} `), [labelOf(extra, conclusion.rating), conclusion.text].filter(Boolean).join(" — "));
      card.append(line);
    }
    wall.append(card);
    for (const comment of result.comments || []) {
      const item = el("div", "ev-result ev-result--more");
      item.dataset.goal = String(goal.id);
      const list = grouped([comment]);
      const words = list.querySelector(".ev-answer__text");
      const badge = list.querySelector(".ev-answer__count");
      if (badge) words.prepend(badge, " ");
      words.classList.add("clamp");
      item.append(list);
      wall.append(item);
    }
  });
  root.append(wall);
  container.append(root);
}

// --- facilitator ------------------------------------------------------------------------

export function renderFacilitator(container, view) {
  const activity = view.activity;
  const extra = activity.extra || {};
  const goals = view.goals || [];
  const send = (event, payload) => view.send(`evaluatie:${event}`, { activity_id: activity.id, ...payload });
  const root = el("div", "ev-fac ev-goals-fac");
  root.append(el("h3", null, t("Verwacht en bereikt")));
  if (!goals.length) {
    root.append(el("p", "hint", t("Deze bijeenkomst heeft geen doelstellingen (geen traject of nog geen doelen). Voeg hier de doelstellingen toe waarop jullie evalueren.")));
  }
  const list = el("ol", "ev-fac__goals");
  goals.forEach((goal, i) => {
    const result = (extra.goal_results || {})[String(goal.id)] || { n: 0, counts: {}, comments: [] };
    const conclusion = (extra.conclusions || {})[String(goal.id)] || { rating: null, text: "" };
    const li = el("li", "ev-fac__goal");
    li.dataset.goal = String(goal.id);
    li.append(el("strong", null, goal.title), counts(goal, result, extra));
    const choose = el("div", "ev-fac__conclusion");
    choose.setAttribute("role", "group");
    choose.setAttribute("aria-label", t("Conclusie van het team bij doelstelling %(n)s", { n: i + 1 }));
    choose.append(el("span", "ev-fac__label", t("Conclusie:")));
    const note = el("input", "ev-fac__text");
    note.maxLength = 1000;
    note.value = conclusion.text || "";
    note.placeholder = t("Toelichting van het team");
    note.setAttribute("aria-label", t("Toelichting van het team bij doelstelling %(n)s", { n: i + 1 }));
    note.dataset.key = `ev-goal-${goal.id}-conclusion-text`;
    for (const r of [...labelsOf(extra), { slug: null, label: t("Geen") }]) {
      const b = button(r.label, () => send("goal-conclusion", { goal_id: goal.id, rating: r.slug, text: note.value }), "small");
      b.dataset.key = `ev-goal-${goal.id}-conclusion-${r.slug}`;
      b.dataset.rating = String(r.slug);
      b.setAttribute("aria-pressed", String((conclusion.rating || null) === r.slug));
      choose.append(b);
    }
    note.addEventListener("change", () => send("goal-conclusion", { goal_id: goal.id, rating: conclusion.rating || null, text: note.value }));
    li.append(choose, note);
    list.append(li);
  });
  root.append(list);
  const form = el("form", "ev-fac__add");
  const title = el("input", "ev-fac__text");
  title.maxLength = 200;
  title.placeholder = t("Nieuwe doelstelling");
  title.setAttribute("aria-label", t("Nieuwe doelstelling"));
  title.dataset.key = "ev-goal-add";
  const submit = el("button", "small primary", t("Doelstelling toevoegen"));
  submit.type = "submit";
  form.append(title, submit);
  onSubmitText(form, title, (text) => view.send("goal:add", { title: text }));
  root.append(form);
  container.append(root);
}
