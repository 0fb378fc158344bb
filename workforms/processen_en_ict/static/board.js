// Board for `processen-en-ict`: the process left to right (5–8 steps), each step
// with its role(s), system(s) and whether it is digital now; under each step the
// rows of notes; the goal linkage and the handbook's seven questions below.
import { ALWAYS_ROWS, EFFECTS, ROWS, VIEW_TITLES, activeView, alternativesList, digitalText, ensureStyle, h, notesOf, questionsList, systemsLine } from "./common.js";
import { t } from "/static/js/i18n.js";

export function render(container, view) {
  ensureStyle();
  const extra = view.activity.extra || {};
  const { name, view: process } = activeView(extra);
  const root = h("div", { class: "pi-board" });
  root.append(h("div", { class: "pi-head" },
    h("span", { class: "pi-badge", text: VIEW_TITLES[name] }),
    h("span", { class: "pi-head__name", text: process.name || t("Proces zonder naam") }),
    (process.start || process.end) && h("span", { class: "pi-head__ends", text: t("Start: %(start)s → Einde: %(end)s", { start: process.start || "—", end: process.end || "—" }) }),
  ));
  const steps = process.steps || [];
  if (!steps.length) {
    root.append(h("p", { class: "board__empty", text: t("Nog geen stappen. Beschrijf het proces in 5 tot 8 stappen.") }));
  } else {
    const grid = h("div", { class: "pi-grid" });
    grid.style.gridTemplateColumns = `12.5rem repeat(${steps.length}, minmax(0, 1fr))`;
    grid.append(h("span"));
    steps.forEach((step, i) => {
      const card = h("div", { class: "pi-step", "data-step": step.id },
        h("div", { class: "pi-step__name", text: `${i + 1}. ${step.name}` }),
        alternativesList(step, "pi-step__alts"),
        // Past the smallest text the facts run on as one paragraph, clamped (static/css/base.css `.clamp`).
        h("div", { class: "pi-step__facts clamp" },
          h("div", { class: "pi-step__meta", text: t("Rol: %(roles)s", { roles: step.roles.join(", ") || "—" }) }),
          systemsLine(step, "pi-step__meta"),
          digitalText(step) && h("div", { class: "pi-step__meta", text: digitalText(step) }),
        ),
      );
      // Text rows of a session stored before they were notes, shown until the facilitator's page turns them into notes.
      if (step.possibilities && step.possibilities.length) {
        const list = h("ul", { class: "pi-step__poss" });
        for (const p of step.possibilities) list.append(h("li", { text: p }));
        // When the board is full the list folds to its count (static/js/fit.js clamps), never silently.
        card.append(list, h("div", { class: "pi-step__posscount", text: t("%(n)s mogelijkheden", { n: step.possibilities.length }) }));
      }
      grid.append(card);
    });
    for (const [row, label] of ROWS) {
      const cells = steps.map((step) => [step, notesOf(view.notes, name, step.id, row)]);
      if (!ALWAYS_ROWS.has(row) && !cells.some(([, notes]) => notes.length)) continue;
      grid.append(h("div", { class: "pi-rowlabel", "data-row": row, text: label }));
      for (const [step, notes] of cells) {
        const cell = h("div", { class: "pi-cell", "data-step": step.id, "data-row": row });
        for (const note of notes) {
          const el = view.noteElement(note, view.meta, { fresh: view.fresh.has(note.id), showAuthor: false });
          // Past the smallest text a long note is clamped to a few lines (base.css `.clamp`;
          // the spotlight, the phones and the facilitator page have it whole).
          const text = el.querySelector(".note__text");
          if (text) text.classList.add("clamp");
          cell.append(el);
        }
        grid.append(cell);
      }
    }
    root.append(grid);
  }
  const foot = h("div", { class: "pi-foot" });
  const links = (view.goals || []).filter((g) => extra.linkage && extra.linkage[String(g.id)]);
  if (links.length) {
    const list = h("ul", { class: "pi-link" });
    for (const goal of links) {
      const link = extra.linkage[String(goal.id)];
      list.append(h("li", {}, h("strong", { text: `${goal.title}: ` }), document.createTextNode(
        `${EFFECTS[link.effect] || ""}${link.toelichting ? ` — ${link.toelichting}` : ""}`)));
    }
    foot.append(h("div", {}, h("strong", { text: t("Koppeling aan de doelstellingen") }), list));
  }
  foot.append(h("div", {}, h("strong", { text: t("Vragen bij uitwerken van een proces") }), questionsList(extra, "pi-questions")));
  root.append(foot);
  container.replaceChildren(root);
}
