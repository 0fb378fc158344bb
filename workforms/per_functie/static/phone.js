// Phone for `per-functie`: says under which function the notes land. A phone that gave
// no function at join may pick one here (kept for the next notes); none means "Onbekend".

import { t } from "/static/js/i18n.js";
import { el, useStylesheet } from "/static/js/plugins.js";

const STYLE = new URL("./style.css", import.meta.url).href;

let picked = "";

export function render(area, view) {
  useStylesheet(STYLE);
  const own = view.me && view.me.function;
  const options = (view.activity.extra && view.activity.extra.options) || [];
  if (own) {
    const found = options.find((o) => o.key === own);
    area.append(el("p", "hint pf-own", t("Je post-its komen in de kolom: %(function)s", { function: found ? found.label : own })));
    return;
  }
  const label = el("label", "", t("Voor welke functie schrijf je?"));
  label.htmlFor = "pf-function";
  const select = document.createElement("select");
  select.id = "pf-function";
  select.append(new Option(t("Onbekend"), ""));
  for (const o of options) select.append(new Option(o.label, o.key));
  select.value = picked;
  select.addEventListener("change", () => { picked = select.value; });
  const box = el("div", "pf-pick");
  box.append(label, select);
  area.append(box);
}

export function noteData(view) {
  if (view.me && view.me.function) return { data: {} }; // the server files it under the poster's own
  return { data: picked ? { function: picked } : {} };
}
