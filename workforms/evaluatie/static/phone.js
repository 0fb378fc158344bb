// Phone for `evaluatie`: the questionnaire as one scroll list by section. A tapped
// score is saved at once; a typed answer after a pause or when leaving the field.
// Each question shows whether its answer is stored (or the server's refusal, with
// "Opnieuw"). Your own answers come from the server (`evaluatie:mine`), never
// anyone else's. The shell redraws this area on every change in the room, so what
// you are typing, where the cursor is and the scroll position survive a redraw.
import { ensureCss } from "./common.js";
import { renderPhone as goalsPhone } from "./goals.js";
import { t } from "/static/js/i18n.js";
import { el, fetchOwn } from "/static/js/plugins.js";

const mine = new Map(); // activity id → {answers: {question id: {score, text}}, loading}
const drafts = new Map(); // "activity:question" → {score?, text?} not stored yet
const status = new Map(); // "activity:question" → {kind: "saving" | "saved" | "error", message}
const timers = new Map();
const TYPE_PAUSE_MS = 1500;
let focus = null; // {key, start, end}: the answer being typed, put back after a redraw
let scrollY = 0;
addEventListener("scroll", () => { scrollY = window.scrollY; }, { passive: true });

const keyOf = (activityId, questionId) => `${activityId}:${questionId}`;
const answered = (a) => Boolean(a && (a.score != null || (a.text || "").trim()));

export function render(area, view) {
  if (view.activity.phase === "doelen") return goalsPhone(area, view);
  ensureCss();
  const y = scrollY;
  const activity = view.activity;
  const extra = activity.extra || {};
  const questions = extra.questions || [];
  const own = load(view);
  // The shell's "watch the screen" line does not fit while everyone fills in on the phone.
  const closedInfo = document.getElementById("closed-info");
  if (closedInfo) closedInfo.hidden = activity.phase === "invullen" && !activity.locked;

  const done = questions.filter((q) => answered(own.answers[q.id])).length;
  const root = el("div", "ev-phone");
  const progress = el("p", "ev-progress-line", t("%(done)s van %(n)s beantwoord", { done, n: questions.length }));
  progress.id = "ev-progress";
  root.append(progress);
  if (activity.phase !== "invullen") {
    root.append(el("p", "card", t("De vragenlijst is gesloten. Bedankt voor het invullen! De resultaten staan op het scherm.")));
    area.append(root);
    return;
  }
  root.append(el("p", "hint", t("Anoniem: niemand ziet wat jij invult. Je antwoorden worden vanzelf opgeslagen.")));
  if (activity.locked) root.append(el("p", "card", t("De begeleider heeft de vragenlijst even op slot gezet.")));
  if (own.loading) root.append(el("p", "hint", t("Je eerdere antwoorden worden opgehaald…")));
  let section = null;
  questions.forEach((q, i) => {
    if (q.section !== section) {
      section = q.section;
      root.append(el("h2", "ev-section", q.section_title));
    }
    root.append(questionCard(q, i + 1, own, view, extra));
  });
  area.append(root);
  if (focus) {
    const field = root.querySelector(`textarea[data-key="${focus.key}"]`);
    if (field && !field.disabled) {
      field.focus({ preventScroll: true });
      field.setSelectionRange(focus.start, focus.end);
    }
  }
  if (Math.abs(window.scrollY - y) > 1) window.scrollTo(0, y);
}

const load = (view) => fetchOwn(mine, view, "evaluatie:mine", (ack) => ({ answers: ack.answers || {} }));

function current(q, own, key) {
  const saved = own.answers[q.id] || { score: null, text: "" };
  return { ...saved, ...(drafts.get(key) || {}) };
}

function questionCard(q, number, own, view, extra) {
  const activityId = view.activity.id;
  const key = keyOf(activityId, q.id);
  const value = current(q, own, key);
  const locked = view.activity.locked;
  const card = el("section", "ev-q");
  card.dataset.question = q.id;
  if (answered(own.answers[q.id])) card.classList.add("is-answered");
  const title = el("h3", "ev-q__text", `${number}. ${q.text}`);
  title.id = `ev-title-${q.id}`;
  card.append(title);

  if (q.scale) {
    const scale = el("div", "ev-scale");
    scale.setAttribute("role", "group");
    scale.setAttribute("aria-labelledby", title.id);
    for (let v = 1; v <= 5; v += 1) {
      const b = el("button", "ev-scale__button", String(v));
      b.type = "button";
      b.dataset.value = String(v);
      b.disabled = locked;
      b.setAttribute("aria-pressed", String(value.score === v));
      if (v === 1) b.setAttribute("aria-label", `1: ${extra.scale.low}`);
      if (v === 5) b.setAttribute("aria-label", `5: ${extra.scale.high}`);
      b.addEventListener("click", () => {
        drafts.set(key, { ...(drafts.get(key) || {}), score: v });
        save(q, view);
      });
      scale.append(b);
    }
    const ends = el("p", "ev-scale__ends");
    ends.setAttribute("aria-hidden", "true");
    ends.append(el("span", null, `1 = ${extra.scale.low}`), el("span", null, `5 = ${extra.scale.high}`));
    card.append(scale, ends);
  }

  const label = el("label", "ev-q__label", q.scale ? t("Toelichting (niet verplicht)") : t("Jouw antwoord"));
  label.htmlFor = `ev-answer-${q.id}`;
  const field = el("textarea", "ev-q__field");
  field.id = `ev-answer-${q.id}`;
  field.dataset.key = key;
  field.rows = q.scale ? 2 : 3;
  field.maxLength = extra.max_answer || 1000;
  field.value = value.text || "";
  field.disabled = locked;
  const remember = () => { focus = { key, start: field.selectionStart, end: field.selectionEnd }; };
  field.addEventListener("focus", remember);
  field.addEventListener("select", remember);
  field.addEventListener("keyup", remember);
  field.addEventListener("input", () => {
    remember();
    drafts.set(key, { ...(drafts.get(key) || {}), text: field.value });
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => save(q, view), TYPE_PAUSE_MS));
  });
  field.addEventListener("blur", () => {
    // A redraw replaces this field (it is then gone): keep typing in the new one.
    setTimeout(() => {
      if (!field.isConnected) return;
      if (focus && focus.key === key) focus = null;
      if (drafts.has(key)) save(q, view);
    }, 0);
  });
  card.append(label, field);

  const foot = el("div", "ev-q__foot");
  const state = status.get(key);
  const line = el("p", "ev-status");
  line.setAttribute("role", "status");
  if (state && state.kind === "saving") line.textContent = t("Bezig met opslaan…");
  else if (state && state.kind === "error") {
    line.classList.add("error");
    line.textContent = t("Niet opgeslagen: %(error)s", { error: state.message });
  } else if (answered(own.answers[q.id]) && !drafts.has(key)) {
    line.classList.add("ev-status--saved");
    line.textContent = t("Opgeslagen ✓");
  }
  foot.append(line);
  if (state && state.kind === "error" && !locked) {
    const retry = el("button", null, t("Opnieuw"));
    retry.type = "button";
    retry.addEventListener("click", () => save(q, view));
    foot.append(retry);
  }
  if (answered(own.answers[q.id]) && !locked) {
    const clear = el("button", "ev-clear", t("Antwoord wissen"));
    clear.type = "button";
    clear.addEventListener("click", () => {
      drafts.set(key, { score: null, text: "" });
      save(q, view);
    });
    foot.append(clear);
  }
  card.append(foot);
  return card;
}

async function save(q, view) {
  const activityId = view.activity.id;
  const key = keyOf(activityId, q.id);
  clearTimeout(timers.get(key));
  const own = mine.get(activityId);
  const draft = drafts.get(key);
  if (!own || !draft) return;
  const saved = own.answers[q.id];
  const value = current(q, own, key);
  const text = (value.text || "").trim();
  const score = q.scale ? value.score ?? null : null;
  if (saved ? saved.score === score && saved.text === text : !text && score == null) {
    drafts.delete(key); // nothing new to store
    return;
  }
  const payload = !text && score == null ? { clear: true } : q.scale ? { score, text } : { text };
  status.set(key, { kind: "saving" });
  view.refresh();
  const ack = await view.request("evaluatie:answer", { activity_id: activityId, question_id: q.id, ...payload });
  if (ack.ok) {
    own.answers = ack.answers || {};
    if (drafts.get(key) === draft) drafts.delete(key); // unless typing went on meanwhile
    status.set(key, { kind: "saved" });
  } else {
    // The draft stays on screen, so nothing typed is lost; "Opnieuw" sends it again.
    status.set(key, { kind: "error", message: ack.error });
  }
  view.refresh();
}
