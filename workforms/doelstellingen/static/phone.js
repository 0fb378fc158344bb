// Phone for `doelstellingen`: the goals so far, and everyone's proposals to support (+1).
// Which proposals I support is my own answer: it comes in the ack, never in the broadcast.
import { t } from "/static/js/i18n.js";
import { el, useStylesheet } from "/static/js/plugins.js";
const CSS = "/wf/doelstellingen/static/style.css";
const ensureCss = () => useStylesheet(CSS);
const mine = new Map(); // activity id -> Set of supported note ids

export async function render(area, view) {
  ensureCss();
  const activityId = view.activity.id;
  if (view.ambition) area.append(el("p", "vs-ambition", t("Ambitie: %(ambition)s", { ambition: view.ambition })));
  if (view.goals.length) {
    area.append(el("h2", "vs-section", t("Doelstellingen")));
    const list = el("ol", "vs-goals");
    for (const goal of view.goals) list.append(el("li", null, goal.title));
    area.append(list);
  }
  if (!mine.has(activityId)) {
    const ack = await view.request("doelstellingen:mijn-steun", { activity_id: activityId });
    mine.set(activityId, new Set(ack.ok ? ack.mine : []));
  }
  const listed = await view.request("notes:list", { activity_id: activityId });
  if (!listed.ok || !area.isConnected) return;
  const goalIds = new Set(view.goals.map((g) => g.id));
  const open = listed.notes.filter((n) => !goalIds.has(n.data && n.data.goal_id));
  if (!open.length) return;
  const support = (view.activity.extra && view.activity.extra.support) || {};
  area.append(el("h2", "vs-section", t("Voorstellen: steun wat jij belangrijk vindt")));
  const list = el("ul", "vs-list");
  for (const note of open) {
    const li = el("li", "vs-proposal");
    li.append(view.noteElement(note, view.meta, { showAuthor: false }));
    const on = mine.get(activityId).has(note.id);
    const button = el("button", on ? "small primary" : "small", on ? t("Gesteund ✓ (%(n)s)", { n: support[note.id] || 0 }) : t("Steun +1 (%(n)s)", { n: support[note.id] || 0 }));
    button.type = "button";
    button.setAttribute("aria-pressed", String(on));
    button.addEventListener("click", async () => {
      button.disabled = true;
      const ack = await view.request("doelstellingen:steun", { activity_id: activityId, note_id: note.id, on: !on });
      if (ack.ok) mine.set(activityId, new Set(ack.mine)); else view.showError(ack.error);
      view.refresh();
    });
    li.append(button);
    list.append(li);
  }
  area.append(list);
}
