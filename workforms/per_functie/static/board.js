// Board for `per-functie`: a column per function ("Wat betekent dit voor jouw functie?"),
// the functions that joined or have notes, in the app's order, "Onbekend" last for notes
// without one. In each column what changes (blue) comes first, then what is needed
// (green); each column is a wall the shell's fitter packs (static/js/fit.js).

import { t } from "/static/js/i18n.js";
import { el, useStylesheet } from "/static/js/plugins.js";

const STYLE = new URL("./style.css", import.meta.url).href;
export const UNKNOWN = "onbekend";
// The notes' own labels are the two questions; in a narrow column a short word says it
// (the handbook's: "de impact van de oplossing", "de benodigde aanpassingen").
const SHORT = { impact: t("Impact"), nodig: t("Nodig") };

/** The function a note is filed under (its data.function when known, else "onbekend"). */
export function functionOf(note, known) {
  const key = note.data && note.data.function;
  return known.has(key) ? key : UNKNOWN;
}

/** The columns to draw: [{key, label, notes}] (what changes first, then what is needed). */
export function columns(view) {
  const extra = view.activity.extra || {};
  const options = extra.options || [];
  const known = new Set(options.map((o) => o.key));
  const present = new Set((extra.functions || []).map((f) => f.key));
  const notes = new Map();
  for (const n of view.notes) {
    const key = functionOf(n, known);
    present.add(key);
    if (!notes.has(key)) notes.set(key, []);
    notes.get(key).push(n);
  }
  const order = [...options.filter((o) => present.has(o.key)), ...(present.has(UNKNOWN) ? [{ key: UNKNOWN, label: t("Onbekend") }] : [])];
  return order.map(({ key, label }) => {
    const mine = notes.get(key) || [];
    return { key, label, notes: [...mine.filter((n) => n.category !== "nodig"), ...mine.filter((n) => n.category === "nodig")] };
  });
}

function legend(view) {
  const box = el("div", "pf-legend");
  for (const c of (view.meta && view.meta.categories) || []) {
    const chip = el("span", `pf-legend__chip note--${c.colour}`, `${SHORT[c.slug] || c.label}: ${c.label}`);
    box.append(chip);
  }
  return box;
}

/**
 * How many note columns each function's column gets: one each, then the rest of the
 * board's width one at a time to the function with the most notes per column so far
 * (a full huisarts column widens, a function with two notes stays narrow).
 */
export function allot(counts, total) {
  const shares = counts.map(() => 1);
  for (let left = total - counts.length; left > 0; left -= 1) {
    let best = 0;
    counts.forEach((n, i) => { if (n / shares[i] > counts[best] / shares[best]) best = i; });
    shares[best] += 1;
  }
  return shares;
}

// The narrowest note column (rem, with its gap): a 24 px "IMPACT" label and the heading
// "Doktersassistent", hyphenated, still fit.
const SHARE_REM = 9.3;
// Notes per note column the board aims at before it widens a function's column.
const PER_SHARE = 3.5;

/** Split `notes` into `k` runs in reading order, top to bottom then the next column. */
function runs(notes, k) {
  const size = Math.ceil(notes.length / k);
  return Array.from({ length: k }, (_, i) => notes.slice(i * size, (i + 1) * size)).filter((r) => r.length);
}

export function render(container, view) {
  useStylesheet(STYLE);
  container.replaceChildren();
  const cols = columns(view);
  if (!cols.length) {
    container.append(el("p", "board__empty", t("Nog geen post-its. Scan de QR-code en schrijf wat dit voor jouw functie betekent.")));
    return;
  }
  // As many note columns as the room needs and the screen holds; each function at least one.
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  const fits = Math.floor((container.clientWidth || 1840) / (SHARE_REM * rem));
  const wanted = Math.ceil(view.notes.length / PER_SHARE);
  const total = Math.max(cols.length, Math.min(fits, wanted));
  const shares = allot(cols.map((c) => c.notes.length), total);
  const wrap = el("div", "pf-columns");
  wrap.style.gridTemplateColumns = shares.map((k) => `minmax(0, ${k}fr)`).join(" ");
  cols.forEach((col, i) => {
    const section = el("section", "pf-col");
    section.dataset.function = col.key;
    section.append(el("h2", "pf-col__title", `${col.label} (${col.notes.length})`));
    if (col.notes.length) {
      // A wall per note column: the fitter packs each (a wide one into several columns).
      const walls = el("div", "pf-col__walls");
      for (const run of runs(col.notes, shares[i])) {
        const wall = view.layout(walls, run);
        if (wall) wall.dataset.column = "8";
      }
      section.append(walls);
      for (const note of col.notes) {
        const label = section.querySelector(`[data-note-id="${note.id}"] .note__label`);
        if (label && label.firstChild && label.firstChild.nodeType === Node.TEXT_NODE && SHORT[note.category]) {
          label.firstChild.nodeValue = SHORT[note.category];
        }
      }
    } else section.append(el("p", "pf-col__empty", t("Nog niets.")));
    wrap.append(section);
  });
  container.append(legend(view), wrap);
}
