// Facilitator for `vragen-en-zorgen`: the open items by support, each with a field for a
// short answer and "Beantwoord"; the answered ones can be reopened. No names anywhere: the
// format is anonymous for the facilitator too (Workform.always_anonymous).
import { t } from "/static/js/i18n.js";
import { button as btn, el, useStylesheet } from "/static/js/plugins.js";
import { bySupport, isAnswered, supportOf } from "./board.js";
const CSS = "/wf/vragen-en-zorgen/static/style.css";
const MAX_ANSWER = 280;

export function render(container, view) {
  useStylesheet(CSS);
  container.replaceChildren();
  const box = el("div", "vz-tools");
  const shown = view.notes.filter((n) => !n.hidden);
  const open = bySupport(shown.filter((n) => !isAnswered(n)));
  const done = bySupport(shown.filter(isAnswered));
  const labelOf = (note) => ((view.meta.categories || []).find((c) => c.slug === note.category) || {}).label || "";
  const send = (note, payload) => view.send("vragen-en-zorgen:beantwoord", { activity_id: view.activity.id, note_id: note.id, ...payload });

  box.append(el("h3", null, t("Open (%(n)s), meeste steun eerst", { n: open.length })));
  if (!open.length) box.append(el("p", "hint", t("Geen open vragen of zorgen.")));
  const list = el("ul", "vz-list");
  list.id = "vz-open";
  for (const note of open) {
    const li = el("li", "vz-row");
    li.dataset.noteId = note.id;
    li.append(el("span", "vz-text", `${labelOf(note)}: ${note.text}`), el("span", "vz-support", `+${supportOf(note)}`));
    const answer = el("input");
    answer.maxLength = MAX_ANSWER;
    answer.dataset.key = `vz-answer-${note.id}`;
    answer.placeholder = t("Kort antwoord voor het verslag (mag leeg)");
    answer.setAttribute("aria-label", t("Antwoord op: %(text)s", { text: note.text }));
    const mark = btn(t("Beantwoord"), () => send(note, { beantwoord: true, antwoord: answer.value }), "small primary");
    mark.dataset.key = `vz-mark-${note.id}`;
    li.append(answer, mark);
    list.append(li);
  }
  box.append(list);

  if (done.length) {
    box.append(el("h3", null, t("Beantwoord (%(n)s)", { n: done.length })));
    const answered = el("ul", "vz-list");
    answered.id = "vz-done";
    for (const note of done) {
      const li = el("li", "vz-row");
      li.dataset.noteId = note.id;
      li.append(el("span", "vz-text", `${labelOf(note)}: ${note.text}`));
      if (note.data.antwoord) li.append(el("span", "vz-answer", t("Antwoord: %(text)s", { text: note.data.antwoord })));
      const reopen = btn(t("Heropenen"), () => send(note, { beantwoord: false }), "small");
      reopen.dataset.key = `vz-reopen-${note.id}`;
      li.append(reopen);
      answered.append(li);
    }
    box.append(answered);
  }
  container.append(box);
}
