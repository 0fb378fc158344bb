// Board for `doelstellingen`: the ambition, the goals so far (numbered), then the
// proposals with their support (+1, counts only) — accepted ones marked.
import { t } from "/static/js/i18n.js";
import { el, useStylesheet } from "/static/js/plugins.js";
const CSS = "/wf/doelstellingen/static/style.css";
const ensureCss = () => useStylesheet(CSS);

export function render(container, view) {
  ensureCss();
  container.replaceChildren();
  if (view.ambition) container.append(el("p", "vs-ambition", t("Ambitie: %(ambition)s", { ambition: view.ambition })));
  if (view.goals.length) {
    container.append(el("h2", "vs-section", t("Doelstellingen")));
    const list = el("ol", "vs-goals");
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
  const grid = el("div", "board__grid");
  const byGroup = new Map();
  for (const note of open) {
    const key = note.group_id == null ? `n${note.id}` : `g${note.group_id}`;
    if (!byGroup.has(key)) byGroup.set(key, []);
    byGroup.get(key).push(note);
  }
  const items = [...byGroup.values()].map((notes) => ({ notes, votes: notes.reduce((s, n) => s + (support[n.id] || 0), 0) }));
  items.sort((a, b) => b.votes - a.votes);
  for (const item of items) {
    const box = item.notes.length > 1 ? el("section", "group") : null;
    if (box) box.append(el("header", "group__head", t("Stapel · %(n)s voorstellen", { n: item.notes.length })));
    for (const note of item.notes) {
      const n = view.noteElement(note, view.meta, { fresh: view.fresh.has(note.id) });
      if (!box && item.votes) n.querySelector(".note__label").append(el("span", "vs-support", `+${item.votes}`));
      (box || grid).append(n);
    }
    if (box) {
      if (item.votes) box.querySelector(".group__head").append(el("span", "vs-support", `+${item.votes}`));
      grid.append(box);
    }
  }
  container.append(grid);
}
