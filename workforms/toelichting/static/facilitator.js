// Facilitator for `toelichting`: what the recap on the board shows, switched on or off
// during the meeting (not only in the template): the ambition and goals, the open actions
// from earlier meetings, what this meeting's other items came to, and what the earlier
// meetings handed on.
import { t } from "/static/js/i18n.js";
import { el } from "/static/js/plugins.js";

const PARTS = [
  ["goals", () => t("Ambitie en doelstellingen")],
  ["outcomes", () => t("Uitkomsten van deze bijeenkomst")],
  ["carried", () => t("Uit de vorige bijeenkomst (behouden, uitdagingen, kernwoorden)")],
  ["actions", () => t("Open acties uit het traject")],
];

export function render(container, view) {
  const show = (view.activity.extra || {}).show || {};
  const box = el("fieldset", "tl-show");
  box.append(el("legend", null, t("Op het bord tonen")));
  for (const [part, label] of PARTS) {
    const field = el("label", "inline");
    const check = el("input");
    check.type = "checkbox";
    check.checked = Boolean(show[part]);
    check.dataset.key = `tl-show-${part}`;
    check.addEventListener("change", () => view.send("toelichting:show", { activity_id: view.activity.id, part, on: check.checked }));
    field.append(check, ` ${label()}`);
    box.append(field);
  }
  container.replaceChildren(box);
}
