// Phone for `interviews`: the interview questions as an anonymous questionnaire, for staff
// who prefer to fill them in themselves. Each answer is saved with its own button; your own
// answers come from the server (`interviews:mine`), never anyone else's. What you are typing
// survives a redraw (drafts are kept per question).
import { t } from "/static/js/i18n.js";
import { el, fetchOwn, useStylesheet } from "/static/js/plugins.js";

const mine = new Map(); // activity id → {answers: {question id: text}, loading}
const drafts = new Map(); // "activity:question" → text not saved yet
const status = new Map(); // "activity:question" → {kind, message}
let focus = null;

export function render(area, view) {
  useStylesheet("/wf/interviews/static/style.css");
  const activity = view.activity;
  const extra = activity.extra || {};
  const questions = extra.questions || [];
  const own = load(view);
  const closedInfo = document.getElementById("closed-info");
  if (closedInfo) closedInfo.hidden = activity.phase === "invullen" && !activity.locked;
  const root = el("div", "iv-phone");
  const done = questions.filter((q) => own.answers[q.id]).length;
  root.append(el("p", "iv-progress", t("%(done)s van %(n)s beantwoord", { done, n: questions.length })));
  if (activity.phase !== "invullen") {
    root.append(el("p", "card", t("De vragenlijst is gesloten. Bedankt! De thema's staan op het scherm.")));
    area.append(root);
    return;
  }
  root.append(el("p", "hint", t("Anoniem: niemand ziet wat jij invult, ook de begeleider niet wie het schreef. Sla elk antwoord op; je hoeft niet alles in te vullen.")));
  if (activity.locked) root.append(el("p", "card", t("De begeleider heeft de vragenlijst even op slot gezet.")));
  questions.forEach((q, i) => root.append(card(q, i + 1, own, view, extra)));
  area.append(root);
  if (focus) {
    const field = root.querySelector(`textarea[data-key="${focus}"]`);
    if (field && !field.disabled) field.focus({ preventScroll: true });
  }
}

const load = (view) => fetchOwn(mine, view, "interviews:mine", (ack) => ({ answers: ack.answers || {} }));

function card(q, number, own, view, extra) {
  const key = `${view.activity.id}:${q.id}`;
  const box = el("section", "iv-card");
  box.dataset.question = q.id;
  if (own.answers[q.id]) box.classList.add("is-answered");
  const title = el("h3", "iv-card__q", `${number}. ${q.text}`);
  const field = el("textarea");
  field.id = `iv-answer-${q.id}`;
  field.dataset.key = key;
  field.maxLength = extra.max_answer || 1000;
  field.disabled = view.activity.locked;
  field.value = drafts.has(key) ? drafts.get(key) : own.answers[q.id] || "";
  field.setAttribute("aria-labelledby", `iv-q-${q.id}`);
  title.id = `iv-q-${q.id}`;
  field.addEventListener("input", () => { drafts.set(key, field.value); focus = key; });
  field.addEventListener("focus", () => { focus = key; });
  const foot = el("div", "iv-card__foot");
  const line = el("p", "iv-status");
  line.setAttribute("role", "status");
  const state = status.get(key);
  if (state && state.kind === "error") { line.classList.add("error"); line.textContent = t("Niet opgeslagen: %(error)s", { error: state.message }); }
  else if (state && state.kind === "saving") line.textContent = t("Bezig met opslaan…");
  else if (own.answers[q.id] && !drafts.has(key)) line.textContent = t("Opgeslagen ✓");
  const save = el("button", "primary", t("Opslaan"));
  save.type = "button";
  save.disabled = view.activity.locked;
  save.setAttribute("aria-label", t("Antwoord op vraag %(n)s opslaan", { n: number }));
  save.addEventListener("click", async () => {
    const text = (drafts.has(key) ? drafts.get(key) : field.value).trim();
    const payload = text ? { text } : { clear: true };
    if (!text && !own.answers[q.id]) { status.set(key, { kind: "error", message: t("Schrijf eerst een antwoord.") }); view.refresh(); return; }
    status.set(key, { kind: "saving" });
    view.refresh();
    const ack = await view.request("interviews:answer", { activity_id: view.activity.id, question_id: q.id, ...payload });
    if (ack.ok) { own.answers = ack.answers || {}; drafts.delete(key); status.set(key, { kind: "saved" }); }
    else status.set(key, { kind: "error", message: ack.error });
    view.refresh();
  });
  foot.append(line, save);
  box.append(title, field, foot);
  return box;
}
