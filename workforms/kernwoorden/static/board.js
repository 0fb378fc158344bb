// Board for `kernwoorden`: the current goal large with its proposals (identical
// ones arrive stacked) and the kept keywords first; the other goals small with
// their chosen keywords.
import { t } from "/static/js/i18n.js";
import { el, useStylesheet } from "/static/js/plugins.js";
const CSS = "/wf/kernwoorden/static/style.css";
const ensureCss = () => useStylesheet(CSS);

export function render(container, view) {
  ensureCss();
  container.replaceChildren();
  const extra = view.activity.extra || {};
  const goal = view.goals.find((g) => g.id === extra.goal_id);
  if (!goal) {
    container.append(el("p", "board__empty", t("Nog geen doelstellingen. Die maakt de begeleider eerst aan.")));
    return;
  }
  const head = el("h2", "kw-goal");
  head.append(el("span", "kw-step", t("Doelstelling %(n)s van %(total)s", { n: extra.index + 1, total: extra.total })), document.createTextNode(goal.title));
  container.append(head);
  const here = view.notes.filter((n) => n.data && n.data.goal_id === goal.id);
  const kept = here.filter((n) => n.data.kept);
  // A kept keyword shows once: its identical copies (stacked with it) are counted, not repeated.
  const keptGroups = new Set(kept.map((n) => n.group_id).filter((g) => g != null));
  const copies = (n) => (n.group_id == null ? 0 : here.filter((m) => m.group_id === n.group_id && m.id !== n.id).length);
  if (kept.length) {
    const row = el("div", "kw-kept");
    row.setAttribute("aria-label", t("Gekozen kernwoorden"));
    for (const n of kept) {
      const note = view.noteElement(n, view.meta, { fresh: view.fresh.has(n.id) });
      note.querySelector(".note__label").append(el("span", "note__badge", t("Gekozen ✓")));
      const more = copies(n);
      if (more) note.querySelector(".note__label").append(el("span", "note__badge", t("%(n)s× voorgesteld", { n: more + 1 })));
      row.append(note);
    }
    container.append(row);
  }
  const rest = here.filter((n) => !n.data.kept && !keptGroups.has(n.group_id));
  if (rest.length) view.layout(container, rest);
  else if (!kept.length) container.append(el("p", "board__empty", t("Welke drie kernwoorden horen bij deze doelstelling? Plak ze op je telefoon.")));
  const others = view.goals.filter((g) => g.id !== goal.id);
  if (!others.length) return;
  const grid = el("div", "kw-others");
  for (const other of others) {
    const card = el("section", "kw-other");
    card.append(el("h3", null, other.title));
    const chosen = view.notes.filter((n) => n.data && n.data.goal_id === other.id && n.data.kept);
    if (!chosen.length) card.append(el("span", "hint", t("nog geen kernwoorden")));
    for (const n of chosen) card.append(el("span", "kw-chip", n.text));
    grid.append(card);
  }
  container.append(grid);
}
