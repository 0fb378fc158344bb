// Phone for `toelichting`: the shell shows the body; with `show_goals` the
// session's ambition and goals follow, so everyone has the recap in hand.
import { t } from "/static/js/i18n.js";

export function render(area, view) {
  area.replaceChildren();
  const extra = view.activity.extra || {};
  if (!extra.show_goals) return;
  const box = document.createElement("section");
  box.className = "card toelichting-goals";
  if (view.ambition) {
    const head = document.createElement("h2");
    head.textContent = t("Ambitie");
    const p = document.createElement("p");
    p.textContent = view.ambition;
    box.append(head, p);
  }
  const head = document.createElement("h2");
  head.textContent = t("Doelstellingen");
  box.append(head);
  const list = document.createElement("ol");
  for (const goal of view.goals || []) {
    const li = document.createElement("li");
    li.textContent = goal.title;
    list.append(li);
  }
  if (!(view.goals || []).length) {
    const p = document.createElement("p");
    p.className = "hint";
    p.textContent = t("Nog geen doelstellingen vastgelegd.");
    box.append(p);
  } else box.append(list);
  area.append(box);
}
