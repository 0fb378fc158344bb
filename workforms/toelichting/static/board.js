// Board for `toelichting`: a text slide. With the agenda item's config
// `show_goals` (activity.extra.show_goals) it also lists the session's ambition
// and goals, and the open actions carried from earlier meetings, for the recap at
// the start of a later meeting. As the first item of the agenda it names the
// meeting's Doel (view.meetingGoals, the template's lines). Those lists are the room's own words and can be
// long (twelve goals, a dozen actions): they are a flow wall (static/js/fit.js)
// that shrinks to the floor and pages like every board, under the slide's text.
import { fitText, wallElement } from "/static/js/fit.js";
import { t } from "/static/js/i18n.js";

const STATUS = { open: "Open", bezig: "Bezig", klaar: "Klaar" };

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const head = (text) => {
  const h = el("h2", "toelichting__head", text);
  h.dataset.head = "";
  return h;
};

export function render(container, view) {
  const slide = el("div", "board__slide", view.activity.body || "");
  container.replaceChildren(slide);
  const extra = view.activity.extra || {};
  // The opening slide of a template meeting names the meeting's Doel (issue 19), on the
  // same wall as the recap's goals when it is one.
  const doel = view.opening ? view.meetingGoals || [] : [];
  const outcomes = extra.outcomes || [];
  const handed = extra.carried_outcomes || [];
  const actions = extra.carried_actions || [];
  const lists = extra.show_goals || outcomes.length || handed.length || actions.length;
  if (doel.length || lists) {
    const wall = wallElement("toelichting-goals", { flow: true, column: 22 });
    if (doel.length) {
      wall.append(head(t("Doel")));
      for (const goal of doel) wall.append(el("div", "toelichting-goals__goal clamp", goal));
    }
    if (extra.show_goals) goalsItems(wall, view.ambition, view.goals);
    // What earlier meetings handed on, then what this one came to: each item's few lines.
    for (const part of handed) linesItems(wall, t("Uit ‘%(title)s’", { title: part.title }), part.lines);
    for (const item of outcomes) linesItems(wall, item.title, item.lines);
    if (actions.length) actionsItems(wall, actions);
    container.append(wall);
  }
  // The slide's text as large as fits: all of the work area alone, at most two fifths above the lists.
  if (slide.textContent) {
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
    const share = lists || doel.length ? 0.4 : 1;
    fitText(slide, { width: container.clientWidth, height: container.clientHeight * share }, { min: 1.5 * rem, max: 2.4 * rem });
  } else slide.hidden = true;
}

/** One agenda item's outcome (or what an earlier meeting handed on): a head and its lines. */
function linesItems(wall, title, lines) {
  wall.append(head(title));
  for (const line of lines) wall.append(el("div", "toelichting-goals__goal clamp", line));
}

/** The open actions this meeting took over from the trajectory's earlier meetings. */
function actionsItems(wall, actions) {
  wall.append(head(t("Open acties")));
  for (const action of actions) {
    wall.append(el("div", "toelichting-actions__action clamp",
      `${action.what} — ${action.who || "?"} (${t(STATUS[action.status] || action.status)})`));
  }
}

function goalsItems(wall, ambition, goals) {
  if (ambition) wall.append(head(t("Ambitie")), el("p", "toelichting-goals__ambition", ambition));
  wall.append(head(t("Doelstellingen")));
  if (!goals || !goals.length) {
    wall.append(el("p", "hint", t("Nog geen doelstellingen vastgelegd.")));
    return;
  }
  goals.forEach((goal, i) => wall.append(el("div", "toelichting-goals__goal clamp", `${i + 1}. ${goal.title}`)));
}
