// Phone for `kernwoorden`: the goal on the board now; a keyword goes to that goal.
import { t } from "/static/js/i18n.js";
import { el, useStylesheet } from "/static/js/plugins.js";
const CSS = "/wf/kernwoorden/static/style.css";
const ensureCss = () => useStylesheet(CSS);

export function render(area, view) {
  ensureCss();
  const extra = view.activity.extra || {};
  const goal = view.goals.find((g) => g.id === extra.goal_id);
  if (!goal) {
    area.append(el("p", "card", t("Nog geen doelstellingen. Even wachten op de begeleider.")));
    return;
  }
  const head = el("h2", "kw-goal");
  head.id = "kw-current-goal";
  head.append(el("span", "kw-step", t("Doelstelling %(n)s van %(total)s", { n: extra.index + 1, total: extra.total })), document.createTextNode(goal.title));
  area.append(head, el("p", "hint", t("Wat betekent deze doelstelling? Eén kernwoord per post-it.")));
}

export function noteData(view) {
  const extra = view.activity.extra || {};
  if (extra.goal_id == null) return { error: t("Er is nog geen doelstelling om kernwoorden bij te plakken.") };
  return { data: { goal_id: extra.goal_id } };
}
