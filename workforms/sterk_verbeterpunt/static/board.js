// Board for `sterk-verbeterpunt`: two areas side by side, strong points (green) and
// points to improve (pink), each drawn by the shell's layout (groups with their dots).
// A mixed group goes with the colour most of its notes have, strong on a tie (the same
// rule as the report, workforms/sterk_verbeterpunt/__init__.py).
import { t } from "/static/js/i18n.js";
import { el, useStylesheet } from "/static/js/plugins.js";

const AREAS = [
  { slug: "sterk", title: t("Sterke punten"), colour: "groen", empty: t("Nog geen sterke punten.") },
  { slug: "verbeterpunt", title: t("Verbeterpunten"), colour: "roze", empty: t("Nog geen verbeterpunten.") },
];

export function split(notes) {
  const tally = new Map();
  for (const n of notes) {
    if (n.group_id == null) continue;
    const c = tally.get(n.group_id) || { sterk: 0, verbeterpunt: 0 };
    c[n.category === "verbeterpunt" ? "verbeterpunt" : "sterk"] += 1;
    tally.set(n.group_id, c);
  }
  const out = { sterk: [], verbeterpunt: [] };
  for (const n of notes) {
    let area = n.category === "verbeterpunt" ? "verbeterpunt" : "sterk";
    if (n.group_id != null) {
      const c = tally.get(n.group_id);
      area = c.verbeterpunt > c.sterk ? "verbeterpunt" : "sterk";
    }
    out[area].push(n);
  }
  return out;
}

export function render(container, view) {
  useStylesheet("/wf/sterk-verbeterpunt/static/style.css");
  container.replaceChildren();
  if (!view.notes.length) {
    container.append(el("p", "board__empty", t("Nog geen post-its. Scan de QR-code: groen voor een sterk punt, roze voor een verbeterpunt.")));
    return;
  }
  const areas = split(view.notes);
  const wrap = el("div", "sv-areas");
  for (const area of AREAS) {
    const section = el("section", `sv-area sv-area--${area.colour}`);
    section.dataset.area = area.slug;
    const count = view.plural(areas[area.slug].length, t("post-it"), t("post-its"));
    section.append(el("h2", `sv-area__title note--${area.colour}`, `${area.title} (${count})`));
    if (areas[area.slug].length) view.layout(section, areas[area.slug], { category: area.slug });
    else section.append(el("p", "sv-area__empty", area.empty));
    wrap.append(section);
  }
  container.append(wrap);
}
