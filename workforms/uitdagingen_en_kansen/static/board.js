// Board for `uitdagingen-en-kansen`: two areas side by side, challenges (pink)
// and opportunities (blue), each drawn by the shell's layout so named groups
// and their dots appear. A group with notes of both kinds is drawn in one area
// only: the kind most of its notes have, challenges on a tie (the same rule as
// the report, workforms/uitdagingen_en_kansen/__init__.py).

import { t } from "/static/js/i18n.js";
import { useStylesheet } from "/static/js/plugins.js";

const STYLE = new URL("./style.css", import.meta.url).href;
const AREAS = [
  { slug: "uitdaging", title: t("Uitdagingen"), colour: "roze", empty: t("Nog geen uitdagingen.") },
  { slug: "kans", title: t("Kansen"), colour: "blauw", empty: t("Nog geen kansen.") },
];

export const ensureStyle = () => useStylesheet(STYLE);

/** Notes per area: loose notes by their own kind, grouped notes by their group's majority kind. */
export function splitAreas(notes) {
  const tally = new Map();
  for (const n of notes) {
    if (n.group_id == null) continue;
    const t = tally.get(n.group_id) || { uitdaging: 0, kans: 0 };
    t[n.category === "kans" ? "kans" : "uitdaging"] += 1;
    tally.set(n.group_id, t);
  }
  const areaOf = (n) => {
    if (n.group_id == null) return n.category === "kans" ? "kans" : "uitdaging";
    const t = tally.get(n.group_id);
    return t.kans > t.uitdaging ? "kans" : "uitdaging";
  };
  const out = { uitdaging: [], kans: [] };
  for (const n of notes) out[areaOf(n)].push(n);
  return out;
}

export function render(container, view) {
  ensureStyle();
  container.replaceChildren();
  if (!view.notes.length) {
    const empty = document.createElement("p");
    empty.className = "board__empty";
    empty.textContent = t("Nog geen post-its. Scan de QR-code: roze voor een uitdaging, blauw voor een kans.");
    container.append(empty);
    return;
  }
  const areas = splitAreas(view.notes);
  const wrap = document.createElement("div");
  wrap.className = "uk-areas";
  for (const area of AREAS) {
    const section = document.createElement("section");
    section.className = `uk-area uk-area--${area.colour}`;
    section.dataset.area = area.slug;
    const heading = document.createElement("h2");
    heading.className = `uk-area__title note--${area.colour}`;
    heading.textContent = `${area.title} (${view.plural(areas[area.slug].length, t("post-it"), t("post-its"))})`;
    section.append(heading);
    if (areas[area.slug].length) view.layout(section, areas[area.slug], { category: area.slug });
    else {
      const none = document.createElement("p");
      none.className = "uk-area__empty";
      none.textContent = area.empty;
      section.append(none);
    }
    wrap.append(section);
  }
  container.append(wrap);
}
