// Phone for `processen-en-ict`: pick a step of the process on the board, then a
// row (the shell's colour choice: Huidige/Gewenste acties, Wens, Verbeteren) and
// post. The seven guiding questions are one tap away.
import { VIEW_TITLES, activeView, ensureStyle, h, questionsList } from "./common.js";
import { t } from "/static/js/i18n.js";

const chosen = new Map(); // `${activity id}:${view}` → step id

export function render(area, view) {
  ensureStyle();
  const extra = view.activity.extra || {};
  const { name, view: process } = activeView(extra);
  const key = `${view.activity.id}:${name}`;
  const steps = process.steps || [];
  if (chosen.has(key) && !steps.some((s) => s.id === chosen.get(key))) {
    chosen.delete(key);
    view.showError(t("De stap die je koos is verwijderd. Kies een andere stap."));
  }
  area.replaceChildren();
  const fallback = t("proces");
  area.append(h("p", { class: "hint", text: t("%(view)s: %(name)s. Kies een stap, dan de soort post-it.", { view: VIEW_TITLES[name], name: process.name || fallback }) }));
  const picker = h("div", { class: "pi-picker", role: "group", "aria-label": t("Stap van het proces") });
  steps.forEach((step, i) => {
    const b = h("button", {
      type: "button", "data-step": step.id, "aria-pressed": String(chosen.get(key) === step.id),
      onclick: () => { chosen.set(key, step.id); view.showError(""); view.refresh(); },
    });
    b.textContent = `${i + 1}. ${step.name}${step.roles.length ? ` (${step.roles.join(", ")})` : ""}`;
    picker.append(b);
  });
  if (!steps.length) picker.append(h("p", { class: "hint", text: t("De begeleider zet de stappen nog klaar.") }));
  area.append(picker);
  area.append(h("details", { class: "card" }, h("summary", { text: t("Vragen bij uitwerken van een proces") }), questionsList(extra, "pi-questions")));
}

export function noteData(view) {
  const { name, view: process } = activeView(view.activity.extra || {});
  const stepId = chosen.get(`${view.activity.id}:${name}`);
  if (!stepId) return { error: t("Kies eerst een stap van het proces.") };
  if (!(process.steps || []).some((s) => s.id === stepId)) return { error: t("Deze stap is net verwijderd. Kies een andere stap.") };
  return { data: { view: name, step_id: stepId } };
}
