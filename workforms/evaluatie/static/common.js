// Shared by the board and the facilitator page of `evaluatie`: the aggregated
// results (1–5 bars with mean and n, open answers grouped). Everything here comes
// from activity.extra, which holds aggregates only — never who answered what.
import { lang, t } from "/static/js/i18n.js";
import { el, useStylesheet } from "/static/js/plugins.js";

export const ensureCss = () => useStylesheet("/wf/evaluatie/static/style.css");

export const formatMean = (mean) =>
  mean == null ? "—" : new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(mean);

/** The questions (with results) of one section, or of all when section is null, grouped by section. */
export function bySection(questions, section) {
  const out = [];
  for (const q of questions) {
    if (section && q.section !== section) continue;
    let group = out[out.length - 1];
    if (!group || group.slug !== q.section) out.push((group = { slug: q.section, title: q.section_title, questions: [] }));
    group.questions.push(q);
  }
  return out;
}

export function distribution(q, scale) {
  const box = el("div", "ev-dist");
  const most = Math.max(0, ...Object.values(q.counts));
  for (let v = 1; v <= 5; v += 1) {
    const count = q.counts[String(v)] || 0;
    const row = el("div", "ev-dist__row");
    row.append(el("span", "ev-dist__value", String(v)));
    const track = el("span", "ev-dist__track");
    const bar = el("span", "ev-dist__bar");
    bar.style.width = most ? `${(100 * count) / most}%` : "0";
    track.append(bar);
    row.append(track, el("span", "ev-dist__count", String(count)));
    row.setAttribute("aria-label", t("%(value)s: %(count)s keer gekozen", { value: v, count }));
    box.append(row);
  }
  const ends = el("p", "ev-dist__ends", `1 = ${scale.low} · 5 = ${scale.high}`);
  const facts = el("p", "ev-dist__facts", t("Gemiddelde %(mean)s · n = %(n)s", { mean: formatMean(q.mean), n: q.n }));
  return [box, ends, facts];
}

export function grouped(texts) {
  const list = el("ul", "ev-answers");
  for (const g of texts) {
    const li = el("li", "ev-answer");
    li.append(el("span", "ev-answer__text", g.text));
    if (g.count > 1) {
      const badge = el("span", "ev-answer__count", `${g.count}×`);
      badge.setAttribute("aria-label", t("%(n)s keer gegeven", { n: g.count }));
      li.append(badge);
    }
    list.append(li);
  }
  return list;
}

/** One question's results as a card. */
export function resultCard(q, number, scale) {
  const card = el("section", "ev-result");
  card.dataset.question = q.id;
  card.append(el("h3", "ev-result__q", `${number}. ${q.text}`));
  if (!q.answered) {
    card.append(el("p", "ev-result__empty", t("Nog geen antwoorden.")));
    return card;
  }
  if (q.scale) {
    card.append(...distribution(q, scale));
    if (q.texts.length) card.append(el("p", "ev-result__sub", t("Toelichtingen")), grouped(q.texts));
  } else {
    card.append(grouped(q.texts));
  }
  return card;
}

/** All results of the chosen section(s), numbered as in the questionnaire. */
export function renderResults(container, extra, section) {
  const numbers = new Map((extra.results || []).map((q, i) => [q.id, i + 1]));
  for (const group of bySection(extra.results || [], section)) {
    container.append(el("h2", "ev-section", group.title));
    const grid = el("div", "ev-results");
    for (const q of group.questions) grid.append(resultCard(q, numbers.get(q.id), extra.scale));
    container.append(grid);
  }
}
