// Facilitator for `interviews`: the themes per question with "Naar de matrix", recording an
// interview (function, date, an answer per question), every answer with its theme labels
// (interviews by number and function, phone answers only as "Vragenlijst (anoniem)"), the
// questions (edit, reorder, add, remove) and the export. The answers come in the ack of
// `interviews:list` (never in activity.extra, which the board gets too), fetched again
// whenever extra.rev changes.
import { countLine, ensureCss, themeItem } from "./board.js";
import { keepFocus, onSubmitText } from "/static/js/forms.js";
import { t } from "/static/js/i18n.js";
import { questionControls } from "/static/js/questions.js";
import { button, el, fold } from "/static/js/plugins.js";

const cache = new Map(); // activity id → {rev, data, loading}
const forms = new WeakMap(); // container → {key, form, fill}
const last = new WeakMap(); // container → the last view
let message = null; // {kind, text}: the last refusal or confirmation, shown on top

export function render(container, view) {
  ensureCss();
  last.set(container, view);
  const activity = view.activity;
  const extra = activity.extra || {};
  const send = (event, payload) => view.send(`interviews:${event}`, { activity_id: activity.id, ...payload });
  const held = cache.get(activity.id);
  if (!held || (held.rev !== extra.rev && !held.loading)) fetchAnswers(container, activity.id, extra.rev, send);
  const data = (cache.get(activity.id) || {}).data;
  container.replaceChildren();
  const root = el("div", "iv-fac");
  root.append(el("p", "iv-count", countLine(extra)));
  if (message) {
    const line = el("p", message.kind === "error" ? "error" : "hint", message.text);
    line.setAttribute("role", "status");
    root.append(line);
  }
  root.append(themesPart(extra, send));
  root.append(interviewForm(container, activity, extra, data, send));
  if (data) {
    root.append(interviewsPart(container, data, send));
    root.append(answersPart(activity.id, extra, data, send));
  } else {
    root.append(el("p", "hint", t("De antwoorden worden opgehaald…")));
  }
  root.append(questionsPart(activity.id, extra, send));
  root.append(exportPart(send));
  container.append(root);
}

function redraw(container) {
  const view = last.get(container);
  if (view && container.isConnected) keepFocus(container, () => render(container, view));
}

function fetchAnswers(container, activityId, rev, send) {
  const held = cache.get(activityId) || {};
  cache.set(activityId, { ...held, loading: true });
  send("list", {}).then((ack) => {
    if (ack.ok) cache.set(activityId, { rev: ack.rev, data: ack, loading: false });
    else cache.set(activityId, { ...held, rev, loading: false });
    redraw(container);
  });
}

async function act(container, promise, done) {
  const ack = await promise;
  message = ack.ok ? (done ? { kind: "ok", text: done } : null) : { kind: "error", text: ack.error };
  redraw(container);
  return ack;
}

function numberOf(extra) {
  return new Map((extra.questions || []).map((q, i) => [q.id, i + 1]));
}

function themesPart(extra, send) {
  const part = el("section", "iv-fac__part");
  part.append(el("h3", null, t("Thema's per vraag")));
  const numbers = numberOf(extra);
  const withThemes = (extra.themes || []).filter((q) => q.themes.length);
  if (!withThemes.length) part.append(el("p", "hint", t("Nog geen thema's: markeer hieronder antwoorden met een kort thema.")));
  for (const q of withThemes) {
    part.append(el("p", "iv-q", `${numbers.get(q.question_id)}. ${q.text}`));
    const list = el("ul", "iv-fac__themes");
    for (const theme of q.themes) {
      const li = el("li", "iv-fac__row");
      li.append(themeItem(theme));
      const push = button(theme.pushed ? t("In de matrix ✓") : t("Naar de matrix"), (e) => {
        const container = e.target.closest(".iv-fac").parentElement;
        act(container, send("push", { question_id: q.question_id, label: theme.label }), t("‘%(label)s’ staat nu in de matrix.", { label: theme.label }));
      }, theme.pushed ? "small" : "small primary");
      push.disabled = theme.pushed;
      push.dataset.key = `iv-push-${theme.key}`;
      push.setAttribute("aria-label", theme.pushed ? t("In de matrix: %(label)s", { label: theme.label }) : t("Naar de matrix: %(label)s", { label: theme.label }));
      li.append(push);
      list.append(li);
    }
    part.append(list);
  }
  return part;
}

function interviewForm(container, activity, extra, data, send) {
  const key = JSON.stringify([activity.id, extra.questions, Boolean(data)]);
  let kept = forms.get(container);
  if (!kept || kept.key !== key) {
    kept = buildForm(container, extra, data, send);
    kept.key = key;
    forms.set(container, kept);
  }
  return kept.form;
}

function buildForm(container, extra, data, send) {
  const form = el("form", "iv-fac__form");
  form.setAttribute("aria-label", t("Interview vastleggen"));
  const heading = el("h3", null, t("Interview vastleggen"));
  let editing = null;
  const role = el("select");
  role.name = "role";
  role.dataset.key = "iv-form-role";
  const blank = el("option", null, t("Kies een functie"));
  blank.value = "";
  role.append(blank);
  for (const f of (data && data.functions) || []) {
    const option = el("option", null, f.label);
    option.value = f.key;
    role.append(option);
  }
  const roleLabel = el("label", null, t("Functie van wie je interviewt"));
  roleLabel.append(role);
  const date = el("input");
  date.type = "date";
  date.name = "date";
  date.dataset.key = "iv-form-date";
  const dateLabel = el("label", null, t("Datum"));
  dateLabel.append(date);
  form.append(heading, roleLabel, dateLabel);
  const fields = new Map();
  (extra.questions || []).forEach((q, i) => {
    const label = el("label", null, `${i + 1}. ${q.text}`);
    const area = el("textarea");
    area.name = q.id;
    area.maxLength = extra.max_answer || 1000;
    area.dataset.key = `iv-form-${q.id}`;
    label.append(area);
    fields.set(q.id, area);
    form.append(label);
  });
  const row = el("div", "iv-fac__row");
  const submit = el("button", "primary", t("Interview opslaan"));
  submit.type = "submit";
  const cancel = button(t("Nieuw interview"), () => fill(null), "small");
  row.append(submit, cancel);
  form.append(row);
  const fill = (interview) => {
    editing = interview ? interview.id : null;
    heading.textContent = interview ? t("Interview %(n)s aanpassen", { n: interview.id.slice(1) }) : t("Interview vastleggen");
    role.value = interview ? interview.role : "";
    date.value = interview ? interview.date : "";
    for (const [id, area] of fields) area.value = interview ? interview.answers[id] || "" : "";
  };
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const answers = {};
    for (const [id, area] of fields) if (area.value.trim()) answers[id] = area.value;
    const payload = { role: role.value, date: date.value, answers };
    if (editing) payload.interview_id = editing;
    const ack = await act(container, send("interview-save", payload), t("Interview opgeslagen."));
    if (ack.ok) fill(null);
  });
  return { form, fill };
}

function interviewsPart(container, data, send) {
  const part = el("section", "iv-fac__part");
  part.append(el("h3", null, t("Vastgelegde interviews (%(n)s)", { n: data.interviews.length })));
  const labels = new Map((data.functions || []).map((f) => [f.key, f.label]));
  const list = el("ul", "iv-fac__themes");
  for (const interview of data.interviews) {
    const li = el("li", "iv-fac__row");
    const what = [t("Interview %(n)s", { n: interview.id.slice(1) }), labels.get(interview.role) || interview.role];
    if (interview.date) what.push(interview.date);
    li.append(el("span", null, what.join(" · ")));
    const edit = button(t("Aanpassen"), () => { forms.get(container).fill(interview); forms.get(container).form.scrollIntoView({ block: "start" }); }, "small");
    edit.dataset.key = `iv-edit-${interview.id}`;
    const remove = button(t("Verwijderen"), () => {
      if (confirm(t("Interview %(n)s verwijderen, met de thema's van de antwoorden?", { n: interview.id.slice(1) }))) {
        act(container, send("interview-delete", { interview_id: interview.id }));
      }
    }, "small danger");
    remove.dataset.key = `iv-delete-${interview.id}`;
    li.append(edit, remove);
    list.append(li);
  }
  part.append(list);
  return part;
}

function answersPart(activityId, extra, data, send) {
  const summary = t("Antwoorden en thema's (%(n)s antwoorden)", { n: data.answers.length });
  const part = fold(`${activityId}:iv-answers`, "iv-fac__part", summary, true);
  const labels = new Map((data.functions || []).map((f) => [f.key, f.label]));
  const roles = new Map(data.interviews.map((i) => [i.id, labels.get(i.role) || i.role]));
  const byQuestion = new Map();
  for (const a of data.answers) {
    if (!byQuestion.has(a.question_id)) byQuestion.set(a.question_id, []);
    byQuestion.get(a.question_id).push(a);
  }
  (extra.questions || []).forEach((q, i) => {
    const answers = byQuestion.get(q.id) || [];
    if (!answers.length) return;
    part.append(el("p", "iv-q", `${i + 1}. ${q.text}`));
    const known = [...new Set(answers.flatMap((a) => a.labels))];
    const listId = `iv-labels-${q.id}`;
    const datalist = el("datalist");
    datalist.id = listId;
    for (const label of known) { const o = el("option"); o.value = label; datalist.append(o); }
    part.append(datalist);
    const list = el("ul", "iv-fac__answers");
    for (const a of answers) list.append(answerItem(a, roles, listId, extra, send));
    part.append(list);
  });
  if (!data.answers.length) part.append(el("p", "hint", t("Nog geen antwoorden.")));
  return part;
}

function answerItem(a, roles, listId, extra, send) {
  const li = el("li", "iv-answer");
  li.dataset.ref = a.ref;
  const source = a.source === "interview"
    ? t("Interview %(n)s (%(role)s)", { n: a.interview_id.slice(1), role: roles.get(a.interview_id) || "" })
    : t("Vragenlijst (anoniem)");
  li.append(el("span", "iv-answer__source", source), el("p", "iv-answer__text", a.text));
  const chips = el("div", "iv-fac__row");
  for (const label of a.labels) {
    const chip = el("span", "iv-chip", label);
    const off = button("×", (e) => act(e.target.closest(".iv-fac").parentElement, send("mark", { ref: a.ref, label, on: false })), "small");
    off.setAttribute("aria-label", t("Thema weghalen: %(label)s", { label }));
    off.dataset.key = `iv-off-${a.ref}-${label}`;
    chip.append(off);
    chips.append(chip);
  }
  const form = el("form", "iv-mark");
  const input = el("input");
  input.name = "label";
  input.maxLength = extra.max_label || 60;
  input.placeholder = t("Thema (kort)");
  input.setAttribute("aria-label", t("Thema voor dit antwoord"));
  input.setAttribute("list", listId);
  input.dataset.key = `iv-mark-${a.ref}`;
  const submit = el("button", "small primary", t("Thema"));
  submit.type = "submit";
  form.append(input, submit);
  onSubmitText(form, input, (label) => send("mark", { ref: a.ref, label }));
  li.append(chips, form);
  return li;
}

function questionsPart(activityId, extra, send) {
  const questions = extra.questions || [];
  const part = fold(`${activityId}:iv-questions`, "iv-fac__part", t("Vragen aanpassen (%(n)s vragen)", { n: questions.length }));
  const list = el("ol", "iv-fac__list");
  questions.forEach((q, i) => {
    const li = el("li", "iv-fac__row");
    const text = el("input");
    text.value = q.text;
    text.maxLength = 300;
    text.dataset.key = `iv-q-${q.id}`;
    text.setAttribute("aria-label", t("Vraag %(n)s", { n: i + 1 }));
    text.addEventListener("change", () => send("question-update", { question_id: q.id, text: text.value }));
    li.append(text, ...questionControls(q, i, questions.length, send, "iv-q"));
    list.append(li);
  });
  const add = el("form", "iv-fac__row");
  const text = el("input");
  text.maxLength = 300;
  text.placeholder = t("Nieuwe vraag");
  text.setAttribute("aria-label", t("Nieuwe vraag"));
  text.dataset.key = "iv-q-new";
  const submit = el("button", "small primary", t("Vraag toevoegen"));
  submit.type = "submit";
  add.append(text, submit);
  onSubmitText(add, text, (question) => send("question-add", { text: question }));
  part.append(list, add);
  return part;
}

function exportPart(send) {
  const row = el("div", "iv-fac__row");
  row.append(el("span", null, t("Thema's met citaten downloaden:")));
  for (const format of ["csv", "json"]) {
    const b = button(format.toUpperCase(), async () => {
      const ack = await send("export", { format });
      if (!ack.ok) return;
      const body = format === "json" ? JSON.stringify(ack.rows, null, 2) : "\ufeff" + ack.content;
      const type = format === "json" ? "application/json" : "text/csv;charset=utf-8";
      const link = el("a");
      link.href = URL.createObjectURL(new Blob([body], { type }));
      link.download = ack.filename;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    }, "small");
    b.dataset.key = `iv-export-${format}`;
    row.append(b);
  }
  return row;
}
