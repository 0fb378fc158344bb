// Shared by the kennismaken board, phone and facilitator modules: the card
// picture element and the format's own CSS (one <style>, added once per page;
// the pages allow inline styles, and nothing user-written goes into it).

import { t } from "/static/js/i18n.js";
import { el } from "/static/js/plugins.js";

export { el };

const CSS = `
.kn-grid { display: grid; grid-template-columns: repeat(3, 1fr); gap: .5rem; margin: .6rem 0; }
.kn-pick { display: flex; flex-direction: column; align-items: stretch; justify-content: flex-start; min-width: 0; gap: .2rem; padding: .25rem; border: 3px solid var(--line); border-radius: 10px; background: #fff;
  font: inherit; font-size: .8rem; font-weight: 700; color: var(--ink); text-align: center; cursor: pointer; min-height: 44px; }
.kn-pick span { overflow-wrap: anywhere; }
.kn-pick img { width: 100%; aspect-ratio: 4 / 3; object-fit: cover; border-radius: 6px; display: block; background: var(--line); }
.kn-pick[aria-checked="true"] { border-color: var(--accent); box-shadow: 0 0 0 3px var(--accent); }
.kn-chosen { display: grid; grid-template-columns: 8rem 1fr; gap: .8rem; align-items: center; margin: .6rem 0; }
.kn-chosen img { width: 100%; aspect-ratio: 4 / 3; object-fit: cover; border-radius: 8px; border: 3px solid var(--accent); }
.kn-field { display: grid; gap: .2rem; margin: .6rem 0; }
.kn-field label { font-weight: 700; }
.kn-row { display: flex; gap: .5rem; }
.kn-row input { flex: 1; }
.kn-missing { display: flex; align-items: center; justify-content: center; aspect-ratio: 4 / 3; background: var(--line);
  color: var(--muted); border-radius: 8px; font-size: .9em; text-align: center; padding: .5em; }
/* On the board the gallery is a wall (static/js/fit.js): picture left, words right, sized with the note text. */
.kn-person { background: #fff; border: 3px solid var(--ink); border-radius: 12px; padding: .35em; display: grid;
  grid-template-columns: 5.5em minmax(0, 1fr); gap: .5em; align-items: start; line-height: 1.25; }
.kn-person img, .kn-person .kn-missing { width: 100%; aspect-ratio: 4 / 3; object-fit: cover; border-radius: 8px; display: block; }
.kn-name { font-size: 1.15em; font-weight: 700; line-height: 1.15; }
.kn-role { font-size: max(1.5rem, .8em); color: var(--muted); font-weight: 700; }
.kn-text { margin: .1em 0 0; white-space: pre-wrap; }
.kn-label { font-size: max(1.5rem, .8em); color: var(--muted); }
.kn-spot { background: #fff; border: 4px solid var(--ink); border-radius: 16px; padding: 1.4rem; width: min(92vw, 82rem);
  max-height: 90vh; overflow-y: auto; display: grid; gap: 1.2rem; }
.kn-spot__cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(24rem, 1fr)); gap: 1.4rem; }
.kn-spot__card { display: grid; grid-template-columns: minmax(0, 1.1fr) minmax(0, 1fr); gap: 1.4rem; align-items: start; }
.kn-spot img, .kn-spot .kn-missing { width: 100%; max-height: 62vh; aspect-ratio: 4 / 3; object-fit: contain; border-radius: 10px; }
.kn-spot .kn-name { font-size: 4rem; }
.kn-spot .kn-role { font-size: 2rem; }
.kn-spot .kn-text { font-size: 2.6rem; }
.kn-fac { display: grid; gap: .6rem; margin-top: 1rem; }
.kn-fac .hint:empty, .kn-fac .error:empty { display: none; }
.kn-fac__cards { list-style: none; padding: 0; margin: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr)); gap: .6rem; }
.kn-fac__cards li { display: grid; gap: .3rem; font-size: .85rem; }
.kn-fac__cards img { width: 100%; aspect-ratio: 4 / 3; object-fit: cover; border-radius: 6px; border: 1px solid var(--line); }
`;

export function ensureStyle() {
  if (document.getElementById("kn-style")) return;
  const style = document.createElement("style");
  style.id = "kn-style";
  style.textContent = CSS;
  document.head.append(style);
}

export function deckOf(activity) {
  return (activity && activity.extra && activity.extra.deck) || [];
}

/** The picture of a card (or a placeholder for a card that was deleted). */
export function cardPicture(card) {
  if (!card) {
    const missing = document.createElement("div");
    missing.className = "kn-missing";
    missing.textContent = t("Kaart verwijderd");
    return missing;
  }
  const img = document.createElement("img");
  img.src = card.url;
  img.alt = card.label;
  img.decoding = "async";
  return img;
}

