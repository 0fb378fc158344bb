// Shared by the actieplan board, phone and facilitator modules.

import { lang, t } from "/static/js/i18n.js";
import { el, useStylesheet } from "/static/js/plugins.js";

export { el };

const STYLE = new URL("./style.css", import.meta.url).href;
const MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];
export const STATUSES = [["open", t("Open")], ["bezig", t("Bezig")], ["klaar", t("Klaar")]];

export const ensureStyle = () => useStylesheet(STYLE);

/** "2027-01-12" → "12 jan 2027" (Dutch, same as the PDF) or per locale ("Jan 12, 2027"); "" → "—". */
export function dutchDate(due) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(due || "");
  if (m && lang !== "nl") return new Intl.DateTimeFormat(lang, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(`${due}T00:00:00Z`));
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : "—";
}

export function statusLabel(status) {
  const found = STATUSES.find(([slug]) => slug === status);
  return found ? found[1] : t("Open");
}

/** An action note as a plain row (what the phones get in activity.extra looks the same). */
export function actionOf(note) {
  const data = note.data || {};
  return {
    id: note.id, what: note.text, who: data.who || "", due: data.due || "", status: data.status || "open",
    source: (data.source && data.source.activity) || "",
  };
}
