// Board for `evaluatie`: while the questionnaire is open only how many filled it
// in (and per question how many answered); once closed the aggregated results
// of the section the facilitator chose (or all). No names, ever: extra has none.
//
// Both are walls in reading order (static/js/fit.js): the results of a full room
// (twenty people's open answers to seven questions) shrink to the floor, clamp,
// then page with "pagina 1 van N" like every board; never off the screen. Each
// question (title, bars, mean) heads its answers, one item per answer, and a
// column that continues a question starts with its title again.
import { bySection, distribution, ensureCss, grouped } from "./common.js";
import { renderBoard as goalsBoard } from "./goals.js";
import { wallElement } from "/static/js/fit.js";
import { t } from "/static/js/i18n.js";
import { el } from "/static/js/plugins.js";

const head = (node) => { node.dataset.head = ""; return node; };

function resultsWall(extra, section) {
  const wall = wallElement("ev-wall", { flow: true, column: 20 });
  const numbers = new Map((extra.results || []).map((q, i) => [q.id, i + 1]));
  for (const group of bySection(extra.results || [], section)) {
    wall.append(head(el("h2", "ev-section", group.title)));
    for (const q of group.questions) {
      const card = head(el("section", "ev-result"));
      card.dataset.question = q.id;
      card.append(el("h3", "ev-result__q wall__title", `${numbers.get(q.id)}. ${q.text}`));
      wall.append(card);
      if (!q.answered) {
        card.append(el("p", "ev-result__empty", t("Nog geen antwoorden.")));
        continue;
      }
      if (q.scale) {
        card.append(...distribution(q, extra.scale));
        if (q.texts.length) card.append(el("p", "ev-result__sub", t("Toelichtingen")));
      }
      // One item per (grouped) answer, so a long list flows on into the next column.
      for (const text of q.texts) {
        const item = el("div", "ev-result ev-result--more");
        item.dataset.question = q.id;
        const list = grouped([text]);
        // "4×" leads the answer's first line (clamped with it), rather than taking a line of its own.
        const words = list.querySelector(".ev-answer__text");
        const badge = list.querySelector(".ev-answer__count");
        if (badge) words.prepend(badge, " ");
        words.classList.add("clamp");
        item.append(list);
        wall.append(item);
      }
    }
  }
  return wall;
}

export function render(container, view) {
  if (view.activity.phase === "doelen") return goalsBoard(container, view);
  ensureCss();
  container.replaceChildren();
  const extra = view.activity.extra || {};
  const questions = extra.questions || [];
  const root = el("div", "ev-board");
  root.setAttribute("role", "region");
  root.setAttribute("aria-label", t("Vragenlijst"));
  const count = el("p", "ev-count");
  const n = extra.respondents || 0;
  count.append(el("strong", "ev-count__n", String(n)), " ", n === 1 ? t("deelnemer heeft ingevuld") : t("deelnemers hebben ingevuld"));
  root.append(count);
  if (view.activity.phase !== "resultaten") {
    root.append(el("p", "ev-lead", t("Vul de vragenlijst in op je telefoon. Je antwoorden zijn anoniem.")));
    const wall = wallElement("ev-progress", { flow: true, column: 26 });
    questions.forEach((q, i) => {
      const row = el("div", "ev-progress__row");
      row.append(el("span", "ev-progress__q clamp", `${i + 1}. ${q.text}`), el("span", "ev-progress__n", String((extra.answered || {})[q.id] || 0)));
      wall.append(row);
    });
    root.append(wall);
  } else if (!extra.respondents) {
    root.append(el("p", "board__empty", t("Niemand heeft de vragenlijst ingevuld.")));
  } else {
    root.classList.add("ev-board--results");
    root.append(resultsWall(extra, extra.board_section));
  }
  container.append(root);
}
