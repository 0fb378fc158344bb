// Groups, stacks and dots as the board (and the report) show them: each group
// is one item with its notes inside, a loose note is an item of its own; once
// voting has closed, items are sorted by their dots.

import { wallElement } from "./fit.js";
import { noteElement, plural } from "./notes.js";
import { t } from "./i18n.js";

export function itemsOf(notes, groups, totals) {
  const dots = (key) => (totals && totals[key]) || 0;
  const items = [];
  for (const group of groups) {
    const members = notes.filter((n) => n.group_id === group.id);
    // The note the stack was started on lies on top (ids say nothing about order: notes
    // written in private get random ones).
    const top = members.findIndex((n) => n.id === group.top_note_id);
    if (top > 0) members.unshift(...members.splice(top, 1));
    if (members.length) items.push({ key: `g:${group.id}`, group, notes: members });
  }
  for (const note of notes.filter((n) => n.group_id == null)) items.push({ key: `n:${note.id}`, note, notes: [note] });
  if (totals) items.sort((a, b) => dots(b.key) - dots(a.key));
  return items.map((item) => ({ ...item, dots: dots(item.key) }));
}

export function dotsBadge(count) {
  const badge = document.createElement("span");
  badge.className = "dots";
  badge.textContent = plural(count, t("stem"), t("stemmen"));
  return badge;
}

/**
 * A group as one item. `compact` (the board's wall) shows its name, count, dots and
 * first note, like a stack of paper post-its; the spotlight and the facilitator show all.
 */
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
  const shown = opts.compact ? item.notes.slice(0, 1) : item.notes;
  for (const note of shown) body.append(noteElement(note, meta, { fresh: opts.fresh && opts.fresh.has(note.id) }));
  box.append(head, body);
  if (shown.length < item.notes.length) {
    const more = document.createElement("div");
    more.className = "group__more";
    more.textContent = t("+ %(n)s meer", { n: item.notes.length - shown.length });
    box.append(more);
  }
  return box;
}

/**
 * A loose note as a board item, with its dots once voting closed. `plain`: the
 * wall already says the note's kind (one kind only, or an area of that colour),
 * so its label would only cost a line; flags and dots still show.
 */
export function noteItem(note, view, dots, plain = false) {
  const el = noteElement(note, view.meta, { fresh: view.fresh && view.fresh.has(note.id) });
  if (dots) el.querySelector(".note__label").append(dotsBadge(dots));
  if (plain) el.classList.add("note--plain");
  return el;
}

/**
 * Draw notes into `container` as a wall (static/js/fit.js) of groups and loose notes,
 * with dots once voting closed. `opts.lead`: notes that go first (e.g. the kept ones);
 * `opts.category`: the kind this wall stands for (an area's colour), whose notes need no label.
 */
export function layoutNotes(container, view, notes, opts = {}) {
  const totals = (view.activity.votes && view.activity.votes.totals) || null;
  const wall = wallElement("board__grid");
  const oneKind = ((view.meta && view.meta.categories) || []).length <= 1;
  const plain = (note) => oneKind || (opts.category != null && note.category === opts.category);
  const lead = opts.lead || [];
  for (const note of lead) {
    const item = noteItem(note, view, totals && totals[`n:${note.id}`], plain(note));
    item.classList.add("note--lead");
    wall.append(item);
  }
  const leadIds = new Set(lead.map((n) => n.id));
  for (const item of itemsOf(notes.filter((n) => !leadIds.has(n.id)), view.groups || [], totals)) {
    if (item.group) wall.append(groupElement(item, view.meta, { fresh: view.fresh, compact: true }));
    else wall.append(noteItem(item.note, view, item.dots, plain(item.note)));
  }
  container.append(wall);
  return wall;
}
