// Board for `interviews`: how many interviews and questionnaires came in, then per question
// the themes the facilitator marked, with how often each came up ("3×"), most first. Never
// an answer, a name, a function or a date: activity.extra holds labels and counts only
// (the handbook's "Vertrouwen en anonimiteit", H:L661-662). One flow wall (static/js/fit.js):
// a full room's themes shrink to the floor, clamp, then page like every board.
import { wallElement } from "/static/js/fit.js";
import { t } from "/static/js/i18n.js";
import { el, useStylesheet } from "/static/js/plugins.js";

export const ensureCss = () => useStylesheet("/wf/interviews/static/style.css");

export function themeItem(theme) {
  const row = el("div", "iv-theme");
  row.dataset.theme = theme.key;
  const n = el("span", "iv-theme__n", `${theme.count}×`);
  n.setAttribute("aria-label", theme.count === 1 ? t("1 keer genoemd") : t("%(n)s keer genoemd", { n: theme.count }));
  row.append(n, el("span", "iv-theme__label clamp", theme.label));
  if (theme.pushed) row.append(el("span", "iv-theme__matrix", t("✓ in de matrix")));
  return row;
}

export function countLine(extra) {
  const interviews = extra.interviews || 0;
  const respondents = extra.respondents || 0;
  // A meeting that took the themes over and collected nothing itself names only where they came from.
  if (extra.carried_from && !interviews && !respondents) return t("Thema's uit: %(title)s", { title: extra.carried_from });
  const parts = [
    interviews === 1 ? t("1 interview") : t("%(n)s interviews", { n: interviews }),
    respondents === 1 ? t("1 ingevulde vragenlijst") : t("%(n)s ingevulde vragenlijsten", { n: respondents }),
  ];
  if (extra.carried_from) parts.push(t("thema's uit: %(title)s", { title: extra.carried_from }));
  return parts.join(" · ");
}

export function render(container, view) {
  ensureCss();
  container.replaceChildren();
  const extra = view.activity.extra || {};
  const root = el("div", "iv-board");
  root.setAttribute("role", "region");
  root.setAttribute("aria-label", t("Thema's uit de interviews"));
  root.append(el("p", "iv-count", countLine(extra)));
  if (view.activity.phase === "invullen") {
    root.append(el("p", "iv-lead", t("Vul de vragen in op je telefoon. Je antwoorden zijn anoniem: niemand ziet wie wat zei.")));
  }
  const withThemes = (extra.themes || []).filter((q) => q.themes.length);
  const numbers = new Map((extra.questions || []).map((q, i) => [q.id, i + 1]));
  if (!withThemes.length) {
    root.append(el("p", "board__empty", t("Nog geen thema's. De begeleider markeert de antwoorden met korte thema's.")));
    container.append(root);
    return;
  }
  const wall = wallElement("iv-wall", { flow: true, column: 22 });
  for (const q of withThemes) {
    const head = el("h3", "iv-q wall__title", `${numbers.get(q.question_id)}. ${q.text}`);
    const box = el("div", "iv-qbox");
    box.dataset.head = "";
    box.dataset.question = q.question_id;
    box.append(head);
    wall.append(box);
    for (const theme of q.themes) wall.append(themeItem(theme));
  }
  root.append(wall);
  container.append(root);
}
