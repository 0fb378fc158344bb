// Phone for `vragen-en-zorgen`: everyone's open items to support (+1), and what was
// answered. The list comes in activity.extra.items (text and kind, never an author, never
// the counts: another phone's +1 sends this phone nothing). Which items I support is my
// own answer: it comes in the acks, never in a broadcast.
import { t } from "/static/js/i18n.js";
import { el, useStylesheet } from "/static/js/plugins.js";
const CSS = "/wf/vragen-en-zorgen/static/style.css";
const mine = new Map(); // activity id -> Set of supported note ids
// A room's list is long (50+ items): folded, so the composer stays at hand; each render gets a
// fresh element, so whether a list is open is remembered here.
const unfolded = new Set();

function fold(area, key, title, list) {
  const box = el("details", "vz-fold");
  box.id = key;
  box.open = unfolded.has(key);
  box.addEventListener("toggle", () => { if (box.open) unfolded.add(key); else unfolded.delete(key); });
  box.append(el("summary", "vz-fold__summary", title), list);
  area.append(box);
}

export async function render(area, view) {
  useStylesheet(CSS);
  const activityId = view.activity.id;
  const items = (view.activity.extra && view.activity.extra.items) || [];
  if (!mine.has(activityId)) {
    const ack = await view.request("vragen-en-zorgen:mijn-steun", { activity_id: activityId });
    mine.set(activityId, new Set(ack.ok ? ack.mine : []));
    if (!area.isConnected) return;
  }
  area.append(el("p", "hint", t("Anoniem: niemand ziet wie wat vraagt, ook de begeleider niet.")));
  const own = new Set((view.mine || []).map((n) => n.id));
  const others = items.filter((i) => !i.beantwoord && !own.has(i.id)).reverse(); // newest first
  const done = items.filter((i) => i.beantwoord);
  const meta = view.meta;
  if (others.length) {
    const list = el("ul", "vz-list");
    list.id = "vz-others";
    for (const item of others) {
      const li = el("li", "vz-item");
      li.append(view.noteElement({ ...item, data: {} }, meta, { showAuthor: false }));
      const on = mine.get(activityId).has(item.id);
      const button = el("button", on ? "small primary" : "small", on ? t("Gesteund ✓") : t("Steun +1"));
      button.type = "button";
      button.dataset.key = `vz-steun-${item.id}`;
      button.setAttribute("aria-pressed", String(on));
      button.addEventListener("click", async () => {
        button.disabled = true;
        const ack = await view.request("vragen-en-zorgen:steun", { activity_id: activityId, note_id: item.id, on: !on });
        if (ack.ok) mine.set(activityId, new Set(ack.mine)); else view.showError(ack.error);
        view.refresh();
      });
      li.append(button);
      list.append(li);
    }
    fold(area, "vz-others-box", t("Steun wat jij ook wilt weten (+1): %(n)s", { n: others.length }), list);
  }
  if (done.length) {
    const list = el("ul", "vz-list");
    list.id = "vz-answered";
    for (const item of done) {
      const li = el("li", "vz-item");
      const note = view.noteElement({ ...item, data: {} }, meta, { showAuthor: false });
      if (item.antwoord) note.append(el("span", "vz-answer", t("Antwoord: %(text)s", { text: item.antwoord })));
      li.append(note);
      list.append(li);
    }
    fold(area, "vz-answered-box", t("Beantwoord (%(n)s)", { n: done.length }), list);
  }
}
