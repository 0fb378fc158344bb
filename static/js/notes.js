// Post-it rendering shared by board, phone and facilitator. User text is only
// ever set through textContent: nothing a participant writes becomes markup.

import { t } from "./i18n.js";

export const COLOUR_FALLBACK = "geel";

export function categoryOf(note, meta) {
  const cats = (meta && meta.categories) || [];
  return cats.find((c) => c.slug === note.category) || cats[0] || { slug: "", label: t("Post-it"), colour: COLOUR_FALLBACK };
}

/**
 * Build a post-it element.
 * @param {object} note  the note shape from the server
 * @param {object} meta  the work format's meta (categories, note_actions)
 * @param {object} [opts] {fresh: bool, showAuthor: bool, tag: string}
 */
export function noteElement(note, meta, opts = {}) {
  const cat = categoryOf(note, meta);
  const el = document.createElement(opts.tag || "div");
  el.className = `note note--${cat.colour}`;
  if (note.hidden) el.classList.add("note--hidden");
  if (opts.fresh) el.classList.add("note--fresh");
  el.dataset.noteId = note.id;
  const label = document.createElement("span");
  label.className = "note__label";
  label.textContent = cat.label;
  for (const action of (meta && meta.note_actions) || []) {
    if (note.data && note.data[action.field]) {
      const badge = document.createElement("span");
      badge.className = "note__badge";
      badge.textContent = action.active_label;
      label.append(badge);
    }
  }
  // A note a later meeting took over from an earlier one of the trajectory (carry_in).
  if (note.data && note.data.carried && note.data.carried.from) {
    const badge = document.createElement("span");
    badge.className = "note__badge";
    badge.textContent = t("uit: %(source)s", { source: note.data.carried.from });
    label.append(badge);
  }
  for (const [flag, text] of [["hidden", t("Verborgen")], ["sealed", t("Nog niet op het bord")]]) {
    if (!note[flag]) continue;
    const badge = document.createElement("span");
    badge.className = "note__badge";
    badge.textContent = text;
    label.append(badge);
  }
  const text = document.createElement("span");
  text.className = "note__text";
  text.textContent = note.text;
  el.append(label, text);
  if (opts.showAuthor !== false && note.author_name) {
    const author = document.createElement("span");
    author.className = "note__author";
    author.textContent = `— ${note.author_name}`;
    el.append(author);
  }
  return el;
}

function byPosting(a, b) {
  if (a.created_at && b.created_at && a.created_at !== b.created_at) return a.created_at < b.created_at ? -1 : 1;
  return a.id - b.id;
}

/** Keep a Map of notes by id in step with the server's events. */
export class NoteStore {
  constructor(notes = []) {
    this.byId = new Map();
    this.reset(notes);
  }
  reset(notes) {
    this.byId.clear();
    for (const n of notes) this.byId.set(n.id, n);
  }
  put(note) { this.byId.set(note.id, note); }
  replaceActivity(activityId, notes) {
    for (const n of this.forActivity(activityId)) this.byId.delete(n.id);
    for (const n of notes) this.byId.set(n.id, n);
  }
  remove(id) { this.byId.delete(id); }
  forActivity(activityId) {
    // In posting order where the notes carry their time (phone, facilitator); else by id,
    // which for notes written in private is random (the board gets no times).
    return [...this.byId.values()].filter((n) => n.activity_id === activityId).sort(byPosting);
  }
}

export function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}
