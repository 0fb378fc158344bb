// Board for `doelstellingen`: the ambition, the goals so far (numbered), then the
// proposals with their support (+1, counts only) — most supported first. The
// proposals are a wall (static/js/fit.js): a full room's proposals shrink to the
// floor, then page, and a stack shows as one item (its first proposal and a count).
import { wallElement } from "/static/js/fit.js";
import { groupElement, noteItem } from "/static/js/groups.js";
import { t } from "/static/js/i18n.js";
import { el, useStylesheet } from "/static/js/plugins.js";
const CSS = "/wf/doelstellingen/static/style.css";
const ensureCss = () => useStylesheet(CSS);

const supportBadge = (votes) => el("span", "note__badge vs-support", `+${votes}`);

export function render(container, view) {
  ensureCss();
  container.replaceChildren();
  if (view.ambition) container.append(el("p", "vs-ambition", t("Ambitie: %(ambition)s", { ambition: view.ambition })));
  if (view.goals.length) {
    container.append(el("h2", "vs-section", t("Doelstellingen")));
    const list = el("ol", "vs-goals");
    // Many goals take columns, so the proposals keep room on the wall below.
    if (view.goals.length > 3) list.classList.add("vs-goals--many");
    for (const goal of view.goals) list.append(el("li", null, goal.title));
    container.append(list);
  }
  const support = (view.activity.extra && view.activity.extra.support) || {};
  const goalIds = new Set(view.goals.map((g) => g.id));
  const open = view.notes.filter((n) => !goalIds.has(n.data && n.data.goal_id));
  if (!open.length) {
    if (!view.goals.length) container.append(el("p", "board__empty", t("Nog geen voorstellen. Welke doelstelling hoort bij jullie ambitie?")));
    return;
  }
  container.append(el("h2", "vs-section", t("Voorstellen")));
  const wall = wallElement("board__grid vs-proposals");
  const byGroup = new Map();
  for (const note of open) {
    const key = note.group_id == null ? `n${note.id}` : `g${note.group_id}`;
    if (!byGroup.has(key)) byGroup.set(key, []);
    byGroup.get(key).push(note);
  }
  const items = [...byGroup.values()].map((notes) => ({ notes, votes: notes.reduce((s, n) => s + (support[n.id] || 0), 0) }));
  items.sort((a, b) => b.votes - a.votes);
  for (const item of items) {
    if (item.notes.length > 1) {
      const gid = item.notes[0].group_id;
      const group = (view.groups || []).find((g) => g.id === gid) || { id: gid, name: "" };
      const box = groupElement({ group, notes: item.notes, dots: 0 }, view.meta, { fresh: view.fresh, compact: true });
      if (item.votes) box.querySelector(".note__text").prepend(supportBadge(item.votes), " ");
      wall.append(box);
    } else {
      const n = noteItem(item.notes[0], view, 0, true);
      // The support leads the text's first line: a label line of its own would cost a line per note.
      if (item.votes) n.querySelector(".note__text").prepend(supportBadge(item.votes), " ");
      wall.append(n);
    }
  }
  container.append(wall);
}
