// Board for `actieplan`: the action table, large for the projector.
import { actionOf, actionTable, el, ensureStyle } from "./common.js";
import { t } from "/static/js/i18n.js";

export function render(container, view) {
  ensureStyle();
  const actions = view.notes.map(actionOf);
  if (!actions.length) {
    container.replaceChildren(el("p", "board__empty", t("Nog geen acties. De begeleider vult ze hier in: wat, wie en wanneer.")));
    return;
  }
  container.replaceChildren(actionTable(actions, "ap-table--board"));
}
