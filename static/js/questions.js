// A questionnaire the facilitator edits, shared by the work formats that ask the room a list
// of questions (evaluatie, interviews; app/workform_questions.py on the server): the controls
// of one question.
import { t } from "./i18n.js";
import { button } from "./plugins.js";

/**
 * Up, down and remove for question `q` at index `i` of `total`. `send(event, payload)` sends
 * the work format's `question-move` / `question-delete`; removing an answered question asks
 * first, because its answers go with it. `keyPrefix` keys the buttons for the shell's focus
 * keeping across redraws.
 */
export function questionControls(q, i, total, send, keyPrefix) {
  const up = button("↑", () => send("question-move", { question_id: q.id, position: i - 1 }), "small");
  up.disabled = i === 0;
  up.setAttribute("aria-label", t("Vraag %(n)s omhoog", { n: i + 1 }));
  const down = button("↓", () => send("question-move", { question_id: q.id, position: i + 1 }), "small");
  down.disabled = i === total - 1;
  down.setAttribute("aria-label", t("Vraag %(n)s omlaag", { n: i + 1 }));
  const remove = button(t("Verwijderen"), async () => {
    const ack = await send("question-delete", { question_id: q.id });
    if (!ack.ok && ack.needs_confirm && confirm(ack.error)) send("question-delete", { question_id: q.id, confirm: true });
  }, "small danger");
  remove.setAttribute("aria-label", t("Verwijderen: vraag %(n)s", { n: i + 1 }));
  up.dataset.key = `${keyPrefix}-${q.id}-up`;
  down.dataset.key = `${keyPrefix}-${q.id}-down`;
  remove.dataset.key = `${keyPrefix}-${q.id}-delete`;
  return [up, down, remove];
}
