// Board for `kennismaken`: a gallery of the chosen cards with names, roles and
// explanations; in the spotlight (the introduction round) one person's card large.

import { cardPicture, deckOf, el, ensureStyle } from "./common.js";
import { wallElement } from "/static/js/fit.js";
import { t } from "/static/js/i18n.js";

function personCard(note, deck, anonymous, className) {
  const card = deck.find((c) => c.id === (note.data && note.data.card));
  const box = el("article", className);
  const wall = className === "kn-person";
  box.dataset.noteId = note.id;
  const words = el("div");
  if (note.author_name) words.append(el("div", "kn-name", note.author_name));
  // In an anonymous activity the role could give the person away: leave it off too.
  if (!anonymous && note.data && note.data.role) words.append(el("div", "kn-role", note.data.role));
  // On the board's wall the picture says which card it is; the label stays for screen readers.
  if (card) words.append(el("div", wall ? "kn-label sr-only" : "kn-label", t("Kaart: %(label)s", { label: card.label })));
  // Past the smallest text the board clamps the explanation like a note's (.clamp, static/css/base.css).
  words.append(el("p", wall ? "kn-text clamp" : "kn-text", note.text));
  box.append(cardPicture(card), words);
  return box;
}

export function render(container, view) {
  ensureStyle();
  container.replaceChildren();
  if (!view.notes.length) {
    container.append(el("p", "board__empty", t("Nog geen kaarten gekozen. Scan de QR-code, kies een kaart en stel je voor!")));
    return;
  }
  const deck = deckOf(view.activity);
  const gallery = wallElement("kn-gallery", { column: 15 });
  for (const note of view.notes) gallery.append(personCard(note, deck, view.activity.anonymous, "kn-person"));
  container.append(gallery);
}

/** Called by the board shell for a spotlight in this work format: one person's (or one note's) card, large. */
export function spotlight(spot, view) {
  ensureStyle();
  const notes = spot.note_id != null
    ? (view.spotNote ? [view.spotNote] : [])
    : spot.participant_id != null ? view.notes.filter((n) => n.author_id === spot.participant_id) : [];
  if (!notes.length) return null;
  const deck = deckOf(view.activity);
  const box = el("section", "kn-spot");
  const cards = el("div", "kn-spot__cards");
  for (const note of notes) cards.append(personCard(note, deck, view.activity.anonymous, "kn-spot__card"));
  box.append(cards);
  return box;
}
