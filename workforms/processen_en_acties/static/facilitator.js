// Facilitator for `processen-en-acties`: start the rotation (every phone gets a start
// goal, spread evenly), the next round now, automatic advance on or off.
import { btn, el, ensureCss, hereIn, roundOf, statusText, tickStatus } from "./shared.js";
import { t } from "/static/js/i18n.js";

export function render(container, view) {
  ensureCss();
  // Keep what the facilitator is typing; a focused button is no reason to wait.
  const active = document.activeElement;
  if (view.focused && active && ["INPUT", "TEXTAREA", "SELECT"].includes(active.tagName)) return;
  container.replaceChildren();
  const extra = view.activity.extra || { rotation: { started: false } };
  const rot = extra.rotation;
  const id = view.activity.id;
  const status = el("p", "pa-status", statusText(rot));
  status.id = "pa-fac-status";
  container.append(status);
  // Count down on the page's ticker; at the switch, redraw so "hier nu" follows the round.
  tickStatus(status, rot, () => render(container, view));
  const tools = el("div", "toolbar");
  const minutes = el("input");
  minutes.type = "number"; minutes.min = 1; minutes.max = 30; minutes.step = 0.5;
  minutes.value = rot && rot.started ? rot.seconds / 60 : 3;
  minutes.style.width = "5em";
  const label = el("label", "inline", t("Minuten per ronde"));
  label.append(minutes);
  const auto = el("input");
  auto.type = "checkbox"; auto.checked = rot && rot.started ? rot.auto : true;
  const autoLabel = el("label", "inline", t("Automatisch wisselen"));
  autoLabel.prepend(auto);
  const start = btn(rot && rot.started ? t("Rotatie opnieuw starten") : t("Rotatie starten"), () => {
    if (rot && rot.started && !confirm(t("Iedereen krijgt een nieuwe startplek. Doorgaan?"))) return;
    view.send("processen-en-acties:start", { activity_id: id, seconds: Math.round(Number(minutes.value) * 60), auto: auto.checked });
  }, rot && rot.started ? "small" : "small primary");
  start.id = "pa-start";
  tools.append(label, autoLabel, start);
  if (rot && rot.started) {
    auto.addEventListener("change", () => view.send("processen-en-acties:auto", { activity_id: id, auto: auto.checked }));
    const prev = btn(t("◀ Vorige ronde"), () => view.send("processen-en-acties:ronde", { activity_id: id, step: -1 }));
    const next = btn(t("Volgende ronde ▶"), () => view.send("processen-en-acties:ronde", { activity_id: id, step: 1 }), "small primary");
    next.id = "pa-next-round";
    tools.append(prev, next);
  }
  container.append(tools);
  if (rot && rot.started) {
    const here = hereIn(rot, roundOf(rot).round);
    const list = el("ul");
    for (const goal of view.goals) list.append(el("li", null, t("%(title)s: %(n)s hier nu", { title: goal.title, n: here[goal.id] || 0 })));
    container.append(list);
  }
}
