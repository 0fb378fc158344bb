// Board for `processen-en-ict`: the process left to right (5–8 steps), each step
// with its role(s), system(s) and whether it is digital now; under each step the
// rows of notes; the goal linkage and the handbook's seven questions below.
import { ALWAYS_ROWS, EFFECTS, ROWS, VIEW_TITLES, activeView, alternativesList, digitalText, ensureStyle, h, notesOf, questionsList, systemsLine } from "./common.js";
import { pagedElement } from "/static/js/fit.js";
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
    // A paged grid says in its empty corner which steps it shows, and which way the process goes on.
    const pageLabel = h("div", { class: "pi-pages", hidden: true });
    const grid = h("div", { class: "pi-grid" });
    // Every box of the grid has its place (row, step): a page of columns shows some steps.
    const placed = [];
    const put = (node, row, step) => {
      node.style.gridRow = String(row + 1);
      if (step < 0) node.style.gridColumn = "1";
      placed.push({ node, step });
      grid.append(node);
    };
    put(pageLabel, 0, -1);
    steps.forEach((step, i) => {
      const card = h("div", { class: "pi-step", "data-step": step.id },
        // Past the floor a step's header is compact (clamped; the facilitator page and the PDF have it whole).
        h("div", { class: "pi-step__name", text: `${i + 1}. ${step.name}` }),
        alternativesList(step, "pi-step__alts"),
        // Past the smallest text the facts run on as one paragraph, clamped (static/css/base.css `.clamp`).
        h("div", { class: "pi-step__facts clamp" },
          h("div", { class: "pi-step__meta", text: t("Rol: %(roles)s", { roles: step.roles.join(", ") || "—" }) }),
          systemsLine(step, "pi-step__meta"),
          digitalText(step) && h("div", { class: "pi-step__meta", text: digitalText(step) }),
        ),
      );
      // More than three alternatives: in the compact header the first two, and "+ 2 meer".
      const alts = card.querySelector(".pi-step__alts");
      if (alts && alts.children.length > 3) {
        alts.dataset.many = "";
        alts.after(h("div", { class: "pi-step__more", "aria-hidden": "true", text: t("+ %(n)s meer", { n: alts.children.length - 2 }) }));
      }
      // Text rows of a session stored before they were notes, shown until the facilitator's page turns them into notes.
      if (step.possibilities && step.possibilities.length) {
        const list = h("ul", { class: "pi-step__poss" });
        for (const p of step.possibilities) list.append(h("li", { text: p }));
        // When the board is full the list folds to its count (static/js/fit.js clamps), never silently.
        card.append(list, h("div", { class: "pi-step__posscount", text: t("%(n)s mogelijkheden", { n: step.possibilities.length }) }));
      }
      put(card, 0, i);
    });
    let row = 0;
    for (const [category, label] of ROWS) {
      const cells = steps.map((step) => [step, notesOf(view.notes, name, step.id, category)]);
      if (!ALWAYS_ROWS.has(category) && !cells.some(([, notes]) => notes.length)) continue;
      row += 1;
      put(h("div", { class: "pi-rowlabel", "data-row": category, text: label }), row, -1);
      cells.forEach(([step, notes], i) => {
        const cell = h("div", { class: "pi-cell", "data-step": step.id, "data-row": category });
        for (const note of notes) {
          const el = view.noteElement(note, view.meta, { fresh: view.fresh.has(note.id), showAuthor: false });
          // Past the smallest text a long note is clamped to a few lines (base.css `.clamp`;
          // the spotlight, the phones and the facilitator page have it whole).
          const text = el.querySelector(".note__text");
          if (text) text.classList.add("clamp");
          cell.append(el);
        }
        put(cell, row, i);
      });
    }
    // Past the floor and the clamps the grid pages through its step columns ("Stap 1–4 van 8",
    // static/js/fit.js): every note stays on the page of its step, as legible as on a whole grid.
    let perPage = steps.length;
    const pager = {
      most: steps.length,
      split(k) {
        perPage = Math.ceil(steps.length / k);
        grid.style.gridTemplateColumns = `12.5rem repeat(${perPage}, minmax(0, 1fr))`;
        return Math.ceil(steps.length / perPage);
      },
      show(page) {
        const first = page * perPage;
        const last = Math.min(steps.length, first + perPage);
        for (const { node, step } of placed) {
          if (step < 0) continue;
          node.hidden = step < first || step >= last;
          node.style.gridColumn = String(step - first + 2);
        }
        const paged = perPage < steps.length;
        grid.dataset.paged = String(paged);
        pageLabel.hidden = !paged;
        pageLabel.textContent = last - first === 1
          ? t("Stap %(first)s van %(steps)s", { first: first + 1, steps: steps.length })
          : t("Stap %(first)s–%(last)s van %(steps)s", { first: first + 1, last, steps: steps.length });
        // Which way the process goes on: an arrow on the side that has more steps.
        pageLabel.dataset.before = String(first > 0);
        pageLabel.dataset.after = String(last < steps.length);
      },
    };
    pager.split(1);
    pager.show(0);
    root.append(pagedElement(grid, pager));
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
  foot.append(h("div", { class: "pi-foot__questions" },
    h("strong", { text: t("Vragen bij uitwerken van een proces") }), questionsList(extra, "pi-questions")));
  root.append(foot);
  container.replaceChildren(root);
}
