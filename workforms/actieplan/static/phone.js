// Phone for `actieplan`: the agreed actions, read-only (they come in activity.extra,
// since a phone never receives other people's notes). A list, not a table: a
// narrow screen would break the words.
import { dutchDate, el, ensureStyle, statusLabel } from "./common.js";
import { t } from "/static/js/i18n.js";

export function render(area, view) {
  ensureStyle();
  const actions = (view.activity.extra && view.activity.extra.actions) || [];
  const box = el("section", "card ap-phone");
  box.append(el("h2", "ap-phone__title", t("Afspraken")));
  if (!actions.length) {
    box.append(el("p", "hint", t("Nog geen acties. Ze verschijnen hier zodra de begeleider ze invult.")));
  } else {
    const list = el("ul", "ap-list");
    for (const a of actions) {
      const li = el("li", "ap-list__item");
      li.append(el("strong", "ap-list__what", a.what));
      const who = a.who || t("nog niet bekend");
      const facts = el("span", "ap-list__facts", t("Wie: %(who)s · Wanneer: %(due)s · ", { who, due: dutchDate(a.due) }));
      facts.append(el("span", `ap-badge ap-badge--${a.status}`, statusLabel(a.status)));
      li.append(facts);
      list.append(li);
    }
    box.append(list);
  }
  area.replaceChildren(box);
}
