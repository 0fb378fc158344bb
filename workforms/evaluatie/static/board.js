// Board for `evaluatie`: while the questionnaire is open only how many filled it
// in (and per question how many answered); once closed the aggregated results
// of the section the facilitator chose (or all). No names, ever: extra has none.
import { ensureCss, renderResults } from "./common.js";
import { t } from "/static/js/i18n.js";
import { el } from "/static/js/plugins.js";

export function render(container, view) {
  ensureCss();
  container.replaceChildren();
  const extra = view.activity.extra || {};
  const questions = extra.questions || [];
  const root = el("div", "ev-board");
  // All results can be taller than the projector: the region scrolls, so it takes the keyboard too.
  root.tabIndex = 0;
  root.setAttribute("role", "region");
  root.setAttribute("aria-label", t("Vragenlijst"));
  const count = el("p", "ev-count");
  const n = extra.respondents || 0;
  count.append(el("strong", "ev-count__n", String(n)), " ", n === 1 ? t("deelnemer heeft ingevuld") : t("deelnemers hebben ingevuld"));
  root.append(count);
  if (view.activity.phase !== "resultaten") {
    root.append(el("p", "ev-lead", t("Vul de vragenlijst in op je telefoon. Je antwoorden zijn anoniem.")));
    const grid = el("div", "ev-progress");
    questions.forEach((q, i) => {
      const row = el("div", "ev-progress__row");
      row.append(el("span", "ev-progress__q", `${i + 1}. ${q.text}`), el("span", "ev-progress__n", String((extra.answered || {})[q.id] || 0)));
      grid.append(row);
    });
    root.append(grid);
  } else if (!extra.respondents) {
    root.append(el("p", "board__empty", t("Niemand heeft de vragenlijst ingevuld.")));
  } else {
    renderResults(root, extra, extra.board_section);
  }
  container.append(root);
}
