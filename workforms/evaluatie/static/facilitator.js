// Facilitator for `evaluatie`: which part of the results the board shows, the
// questionnaire itself (edit, section, 1–5 scale on/off, reorder, remove, add) and,
// once closed, the same aggregated results as the board.
import { ensureCss, renderResults } from "./common.js";
import { renderFacilitator as goalsFacilitator } from "./goals.js";
import { onSubmitText } from "/static/js/forms.js";
import { t } from "/static/js/i18n.js";
import { questionControls } from "/static/js/questions.js";
import { button, el, fold } from "/static/js/plugins.js";

// The "new question" form lives across redraws (a half-written question, its chosen
// section and scale survive answers coming in); it is built again only for another
// activity or other sections. The shell keeps focus and typed text of the other fields.
const addForms = new WeakMap(); // container → {key, form}

export function render(container, view) {
  ensureCss();
  container.replaceChildren();
  const activity = view.activity;
  // The goals (Stap 3.1 c): first during their step, below the questionnaire otherwise (so
  // they can be prepared beforehand).
  const goalsFirst = activity.phase === "doelen";
  if (goalsFirst) goalsFacilitator(container, view);
  const extra = activity.extra || {};
  const questions = extra.questions || [];
  const send = (event, payload) => view.send(`evaluatie:${event}`, { activity_id: activity.id, ...payload });
  const root = el("div", "ev-fac");

  const n = extra.respondents || 0;
  root.append(el("p", "ev-fac__count", n === 1 ? t("1 deelnemer heeft ingevuld") : t("%(n)s deelnemers hebben ingevuld", { n })));

  const show = el("div", "ev-fac__show");
  show.setAttribute("role", "group");
  show.setAttribute("aria-label", t("Resultaten op het bord"));
  show.append(el("span", "ev-fac__label", t("Op het bord:")));
  for (const choice of [{ slug: null, title: t("Alles") }, ...(extra.sections || [])]) {
    const b = button(choice.title, () => send("board-section", { section: choice.slug }), "small");
    b.dataset.key = `ev-show-${choice.slug}`;
    b.setAttribute("aria-pressed", String((extra.board_section || null) === choice.slug));
    show.append(b);
  }
  root.append(show);

  if (activity.phase === "resultaten") {
    const results = el("div", "ev-fac__results");
    renderResults(results, extra, extra.board_section);
    root.append(results);
  }

  const summary = t("Vragenlijst aanpassen (%(n)s vragen)", { n: questions.length });
  const details = fold(`${activity.id}:${activity.phase}:ev-edit`, "ev-fac__edit", summary, activity.phase === "invullen");
  const list = el("ol", "ev-fac__list");
  questions.forEach((q, i) => list.append(row(q, i, questions, extra, send)));
  const formKey = JSON.stringify([activity.id, extra.sections]);
  let kept = addForms.get(container);
  if (!kept || kept.key !== formKey) addForms.set(container, (kept = { key: formKey, form: addForm(extra, send) }));
  details.append(list, kept.form);
  root.append(details);
  container.append(root);
  if (!goalsFirst) goalsFacilitator(container, view);
}

function sectionSelect(extra, value, label) {
  const select = el("select", "ev-fac__section");
  select.setAttribute("aria-label", label);
  for (const s of extra.sections || []) {
    const option = el("option", null, s.title);
    option.value = s.slug;
    option.selected = s.slug === value;
    select.append(option);
  }
  return select;
}

function scaleToggle(checked, label) {
  const wrap = el("label", "ev-fac__scale");
  const box = el("input");
  box.type = "checkbox";
  box.checked = checked;
  wrap.append(box, label);
  return [wrap, box];
}

function row(q, i, questions, extra, send) {
  const li = el("li", "ev-fac__row");
  li.dataset.question = q.id;
  const text = el("input", "ev-fac__text");
  text.value = q.text;
  text.maxLength = 300;
  text.setAttribute("aria-label", t("Vraag %(n)s", { n: i + 1 }));
  text.dataset.key = `ev-q-${q.id}-text`;
  text.addEventListener("change", () => send("question-update", { question_id: q.id, text: text.value }));
  const section = sectionSelect(extra, q.section, t("Onderdeel van vraag %(n)s", { n: i + 1 }));
  section.dataset.key = `ev-q-${q.id}-section`;
  section.addEventListener("change", () => send("question-update", { question_id: q.id, section: section.value }));
  const [scaleLabel, scale] = scaleToggle(q.scale, t("Schaal 1–5"));
  scale.dataset.key = `ev-q-${q.id}-scale`;
  scale.addEventListener("change", async () => {
    const ack = await send("question-update", { question_id: q.id, scale: scale.checked });
    if (!ack.ok) scale.checked = !scale.checked;
  });
  const answers = (extra.answered || {})[q.id] || 0;
  const count = el("span", "ev-fac__answers", answers === 1 ? t("1 antwoord") : t("%(n)s antwoorden", { n: answers }));
  li.append(text, section, scaleLabel, count, ...questionControls(q, i, questions.length, send, "ev-q"));
  return li;
}

function addForm(extra, send) {
  const form = el("form", "ev-fac__add");
  const text = el("input", "ev-fac__text");
  text.name = "question";
  text.maxLength = 300;
  text.placeholder = t("Nieuwe vraag");
  text.setAttribute("aria-label", t("Nieuwe vraag"));
  const section = sectionSelect(extra, (extra.sections || [{}])[0].slug, t("Onderdeel van de nieuwe vraag"));
  const [scaleLabel, scale] = scaleToggle(false, t("Schaal 1–5"));
  const submit = el("button", "small primary", t("Vraag toevoegen"));
  submit.type = "submit";
  form.append(text, section, scaleLabel, submit);
  onSubmitText(form, text, (question) => send("question-add", { text: question, section: section.value, scale: scale.checked }));
  return form;
}
