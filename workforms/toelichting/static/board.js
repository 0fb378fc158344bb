// Board for `toelichting`: a text slide. With the agenda item's config
// `show_goals` (activity.extra.show_goals) it also lists the session's ambition
// and goals, for the recap at the start of a later meeting.
import { t } from "/static/js/i18n.js";

export function render(container, view) {
  const slide = document.createElement("div");
  slide.className = "board__slide";
  slide.textContent = view.activity.body || "";
  container.replaceChildren(slide);
  const extra = view.activity.extra || {};
  if (extra.show_goals) container.append(goalsBlock(view.ambition, view.goals, "toelichting-goals"));
  if (extra.show_goals && (extra.carried_actions || []).length) container.append(actionsBlock(extra.carried_actions));
}

const STATUS = { open: "Open", bezig: "Bezig", klaar: "Klaar" };

/** The open actions this meeting took over from the trajectory's earlier meetings. */
function actionsBlock(actions) {
  const box = document.createElement("section");
  box.className = "toelichting-actions";
  box.style.marginTop = "1.5rem";
  box.style.fontSize = "2rem";
  const head = document.createElement("h2");
  head.textContent = t("Open acties");
  const list = document.createElement("ul");
  for (const action of actions) {
    const li = document.createElement("li");
    li.className = "toelichting-actions__action";
    li.textContent = `${action.what} — ${action.who || "?"} (${t(STATUS[action.status] || action.status)})`;
    list.append(li);
  }
  box.append(head, list);
  return box;
}

export function goalsBlock(ambition, goals, className) {
  const box = document.createElement("section");
  box.className = className;
  box.style.marginTop = "1.5rem";
  box.style.fontSize = "2rem";
  if (ambition) {
    const head = document.createElement("h2");
    head.textContent = t("Ambitie");
    const p = document.createElement("p");
    p.className = "toelichting-goals__ambition";
    p.textContent = ambition;
    box.append(head, p);
  }
  const head = document.createElement("h2");
  head.textContent = t("Doelstellingen");
  box.append(head);
  if (!goals || !goals.length) {
    const p = document.createElement("p");
    p.className = "hint";
    p.textContent = t("Nog geen doelstellingen vastgelegd.");
    box.append(p);
    return box;
  }
  const list = document.createElement("ol");
  for (const goal of goals) {
    const li = document.createElement("li");
    li.className = "toelichting-goals__goal";
    li.textContent = goal.title;
    list.append(li);
  }
  box.append(list);
  return box;
}
