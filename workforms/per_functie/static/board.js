// Board for `per-functie`: a column per function ("Wat betekent dit voor jouw functie?"),
// the functions that joined or have notes, in the app's order, "Onbekend" last for notes
// without one. In each column what changes (blue) comes first, then what is needed
// (green); each column is a wall the shell's fitter packs (static/js/fit.js).

import { t } from "/static/js/i18n.js";
import { el, useStylesheet } from "/static/js/plugins.js";

const STYLE = new URL("./style.css", import.meta.url).href;
export const UNKNOWN = "onbekend";
// The notes' own labels are the two questions; in a narrow column a short word says it.
const SHORT = { impact: t("Verandert"), nodig: t("Nodig") };

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

export function render(container, view) {
  useStylesheet(STYLE);
  container.replaceChildren();
  const cols = columns(view);
  if (!cols.length) {
    container.append(el("p", "board__empty", t("Nog geen post-its. Scan de QR-code en schrijf wat dit voor jouw functie betekent.")));
    return;
  }
  const wrap = el("div", "pf-columns");
  wrap.style.setProperty("--pf-cols", String(cols.length));
  for (const col of cols) {
    const section = el("section", "pf-col");
    section.dataset.function = col.key;
    section.append(el("h2", "pf-col__title", `${col.label} (${col.notes.length})`));
    if (col.notes.length) {
      view.layout(section, col.notes);
      for (const note of col.notes) {
        const label = section.querySelector(`[data-note-id="${note.id}"] .note__label`);
        if (label && label.firstChild && label.firstChild.nodeType === Node.TEXT_NODE && SHORT[note.category]) {
          label.firstChild.nodeValue = SHORT[note.category];
        }
      }
    } else section.append(el("p", "pf-col__empty", t("Nog niets.")));
    wrap.append(section);
  }
  container.append(legend(view), wrap);
}
