// Groups, stacks and dots as the board (and the report) show them: each group
// is one item with its notes inside, a loose note is an item of its own; once
// voting has closed, items are sorted by their dots.

import { noteElement, plural } from "./notes.js";
import { t } from "./i18n.js";

export function itemsOf(notes, groups, totals) {
  const dots = (key) => (totals && totals[key]) || 0;
  const items = [];
  for (const group of groups) {
    const members = notes.filter((n) => n.group_id === group.id);
    if (members.length) items.push({ key: `g:${group.id}`, group, notes: members });
  }
  for (const note of notes.filter((n) => n.group_id == null)) items.push({ key: `n:${note.id}`, note, notes: [note] });
  if (totals) items.sort((a, b) => dots(b.key) - dots(a.key));
  return items.map((item) => ({ ...item, dots: dots(item.key) }));
}

function dotsBadge(count) {
  const badge = document.createElement("span");
  badge.className = "dots";
  badge.textContent = plural(count, t("stem"), t("stemmen"));
  return badge;
}

export function groupElement(item, meta, opts = {}) {
  const box = document.createElement("section");
  box.className = "group";
  box.dataset.groupId = item.group.id;
  const head = document.createElement("header");
  head.className = "group__head";
  const name = document.createElement("span");
  name.className = "group__name";
  name.textContent = item.group.name || t("Stapel");
  const count = document.createElement("span");
  count.className = "group__count";
  count.textContent = plural(item.notes.length, t("post-it"), t("post-its"));
  head.append(name, count);
  if (item.dots) head.append(dotsBadge(item.dots));
  const body = document.createElement("div");
  body.className = "group__notes";
  for (const note of item.notes) body.append(noteElement(note, meta, { fresh: opts.fresh && opts.fresh.has(note.id) }));
  box.append(head, body);
  return box;
}

/** Draw notes into `container` as groups and loose notes, with dots once voting closed. */
export function layoutNotes(container, view, notes) {
  const totals = (view.activity.votes && view.activity.votes.totals) || null;
  const grid = document.createElement("div");
  grid.className = "board__grid";
  for (const item of itemsOf(notes, view.groups || [], totals)) {
    if (item.group) grid.append(groupElement(item, view.meta, { fresh: view.fresh }));
    else {
      const el = noteElement(item.note, view.meta, { fresh: view.fresh && view.fresh.has(item.note.id) });
      if (item.dots) el.querySelector(".note__label").append(dotsBadge(item.dots));
      grid.append(el);
    }
  }
  container.append(grid);
}
