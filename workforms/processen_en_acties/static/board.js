// Board for `processen-en-acties`: every goal a flip-over column with its keywords
// as green sub-headers and the yellow notes under them, filling live; how many
// people stand at each goal this round. In the discussion phase: one block per keyword.
import { el, ensureCss, hereIn, roundOf, statusText, tickStatus } from "./shared.js";
import { wallElement } from "/static/js/fit.js";
import { t } from "/static/js/i18n.js";

// Notes (and stacks) go straight onto the wall, after their keyword's header, so the
// fitter can flow a long flip-over into a second column instead of off the screen.
function notesUnder(view, notes, box) {
  const shown = new Set();
  for (const n of notes) {
    if (shown.has(n.id)) continue;
    const stack = n.group_id == null ? [n] : notes.filter((m) => m.group_id === n.group_id);
    stack.forEach((m) => shown.add(m.id));
    if (stack.length > 1) {
      const group = el("section", "group");
      group.append(el("header", "group__head", t("Stapel · %(n)s", { n: stack.length })));
      for (const m of stack) group.append(view.noteElement(m, view.meta, { fresh: view.fresh.has(m.id), showAuthor: false }));
      box.append(group);
    } else box.append(view.noteElement(n, view.meta, { fresh: view.fresh.has(n.id) }));
  }
}

function sections(view, goal, keywords) {
  const mine = view.notes.filter((n) => n.data && n.data.goal_id === goal.id);
  const known = new Set(keywords.map((k) => k.id));
  const out = keywords.map((k) => ({ title: k.text, rest: false, notes: mine.filter((n) => n.data.keyword_id === k.id) }));
  const rest = mine.filter((n) => !known.has(n.data.keyword_id));
  if (rest.length || !keywords.length) out.push({ title: t("Overig"), rest: true, notes: rest });
  return out;
}

export function render(container, view) {
  ensureCss();
  container.replaceChildren();
  const extra = view.activity.extra || { keywords: {}, rotation: { started: false } };
  const rot = extra.rotation;
  if (!view.goals.length) {
    container.append(el("p", "board__empty", t("Nog geen doelstellingen.")));
    return;
  }
  if (view.activity.phase === "bespreken") {
    const list = wallElement("pa-discuss", { flow: true, column: 12 });
    for (const goal of view.goals) {
      for (const part of sections(view, goal, extra.keywords[goal.id] || [])) {
        if (part.rest && !part.notes.length) continue;
        // A head (static/js/fit.js): a column that continues this keyword starts with it again.
        const head = el("h2", "pa-discuss__head", `${goal.title} — ${part.title}`);
        head.dataset.head = "";
        list.append(head);
        if (part.notes.length) notesUnder(view, part.notes, list);
        else list.append(el("p", "pa-discuss__none", t("Nog niets onder dit kernwoord.")));
      }
    }
    container.append(list);
    return;
  }
  const status = el("p", "pa-status", statusText(rot));
  status.id = "pa-status";
  container.append(status);
  const { round } = roundOf(rot);
  const here = rot && rot.started ? hereIn(rot, round) : {};
  const flips = el("div", "pa-flips");
  for (const goal of view.goals) {
    const flip = el("section", "pa-flip");
    flip.dataset.goalId = goal.id;
    const h = el("h2", null, goal.title);
    if (rot && rot.started) h.append(el("span", "pa-here", t("%(n)s hier nu", { n: here[goal.id] || 0 })));
    const wall = wallElement("pa-notes", { flow: true, column: 9 });
    for (const part of sections(view, goal, extra.keywords[goal.id] || [])) {
      const kw = el("div", part.rest ? "pa-kw pa-kw--rest" : "pa-kw", part.title);
      kw.dataset.head = "";
      wall.append(kw);
      notesUnder(view, part.notes, wall);
    }
    flip.append(h, wall);
    flips.append(flip);
  }
  container.append(flips);
  // Count down on screen; at the switch, redraw so the "hier nu" counts follow the round.
  tickStatus(status, rot, () => render(container, view));
}
