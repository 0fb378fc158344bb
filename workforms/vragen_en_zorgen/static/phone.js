// Phone for `vragen-en-zorgen`: everyone's open items to support (+1), and what was
// answered. The activity's extra says how many items are open and a digest of them; the
// list itself is fetched (`vragen-en-zorgen:lijst`) only while it is unfolded, and again
// when the digest moves, so a new question costs a phone with the list folded a few hundred
// bytes. Never an author, never the counts: another phone's +1 sends this phone nothing.
// Which items I support is my own answer: it comes in the acks, never in a broadcast.
import { t } from "/static/js/i18n.js";
import { el, useStylesheet } from "/static/js/plugins.js";
const CSS = "/wf/vragen-en-zorgen/static/style.css";
const mine = new Map(); // activity id -> Set of supported note ids
const lists = new Map(); // activity id -> {version, items}: the open items last fetched
// A room's list is long (50+ items): folded, so the composer stays at hand; each render gets a
// fresh element, so whether a list is open is remembered here.
const unfolded = new Set();

function fold(area, key, title, list, view, unfetched = false) {
  const box = el("details", "vz-fold");
  box.id = key;
  box.open = unfolded.has(key);
  box.addEventListener("toggle", () => {
    if (box.open) unfolded.add(key); else unfolded.delete(key);
    // Unfolding a list not fetched for this version: draw again, which fetches it. (The
    // toggle also fires for the open state set above; then the list is fetched already.)
    if (box.open && unfetched) view.refresh();
  });
  box.append(el("summary", "vz-fold__summary", title), list);
  area.append(box);
}

export async function render(area, view) {
  useStylesheet(CSS);
  const activityId = view.activity.id;
  const extra = view.activity.extra || {};
  if (!mine.has(activityId)) {
    const ack = await view.request("vragen-en-zorgen:mijn-steun", { activity_id: activityId });
    mine.set(activityId, new Set(ack.ok ? ack.mine : []));
    if (!area.isConnected) return;
  }
  const openKey = "vz-others-box";
  let fetched = lists.get(activityId);
  if (unfolded.has(openKey) && (!fetched || fetched.version !== extra.version)) {
    const ack = await view.request("vragen-en-zorgen:lijst", { activity_id: activityId });
    if (!area.isConnected) return;
    fetched = { version: extra.version, items: ack.ok ? ack.items : [] };
    lists.set(activityId, fetched);
  }
  area.append(el("p", "hint", t("Anoniem: niemand ziet wie wat vraagt, ook de begeleider niet.")));
  const own = new Set((view.mine || []).map((n) => n.id));
  const ownOpen = (view.mine || []).filter((n) => !n.hidden && !(n.data && n.data.beantwoord)).length;
  const othersCount = Math.max(0, (extra.open || 0) - ownOpen);
  const done = extra.answered || [];
  const meta = view.meta;
  if (othersCount) {
    const list = el("ul", "vz-list");
    list.id = "vz-others";
    const fresh = Boolean(fetched && fetched.version === extra.version);
    const current = fresh ? fetched.items : [];
    const others = current.filter((i) => !own.has(i.id)).reverse(); // newest first
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
    fold(area, openKey, t("Steun wat jij ook wilt weten (+1): %(n)s", { n: othersCount }), list, view, !fresh);
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
    fold(area, "vz-answered-box", t("Beantwoord (%(n)s)", { n: done.length }), list, view);
  }
}
