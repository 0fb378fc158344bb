// Facilitator for `kernwoorden`: walk the goals (each step restarts the timer),
// keep at most `limit` keywords per goal, set the limit and the minutes per goal.
import { t } from "/static/js/i18n.js";
import { button as btn, el, useStylesheet } from "/static/js/plugins.js";
const CSS = "/wf/kernwoorden/static/style.css";
const ensureCss = () => useStylesheet(CSS);

async function go(view, payload) {
  const ack = await view.send("kernwoorden:doel", { activity_id: view.activity.id, ...payload });
  if (ack.ok) view.send("timer:set", { activity_id: view.activity.id, action: "start", seconds: ack.seconds });
}

export function render(container, view) {
  ensureCss();
  // Keep what the facilitator is typing; a focused button is no reason to wait.
  const active = document.activeElement;
  if (view.focused && active && ["INPUT", "TEXTAREA", "SELECT"].includes(active.tagName)) return;
  container.replaceChildren();
  const extra = view.activity.extra || {};
  const goal = view.goals.find((g) => g.id === extra.goal_id);
  if (!goal) {
    container.append(el("p", "hint", t("Maak eerst doelstellingen aan (bij het agendapunt Doelstellingen).")));
    return;
  }
  const nav = el("div", "toolbar");
  const prev = btn(t("◀ Vorige doelstelling"), () => go(view, { step: -1 }));
  prev.id = "kw-prev"; prev.disabled = extra.index === 0;
  const next = btn(t("Volgende doelstelling ▶"), () => go(view, { step: 1 }), "small primary");
  next.id = "kw-next"; next.disabled = extra.index >= extra.total - 1;
  const start = btn(t("Start %(minutes)s min", { minutes: extra.minutes }), () => go(view, { goal_id: goal.id }));
  nav.append(prev, next, start);
  container.append(el("h3", null, t("Doelstelling %(n)s van %(total)s: %(title)s", { n: extra.index + 1, total: extra.total, title: goal.title })), nav);

  const here = view.notes.filter((n) => !n.hidden && n.data && n.data.goal_id === goal.id);
  const kept = here.filter((n) => n.data.kept).length;
  container.append(el("p", "hint", t("%(kept)s van %(limit)s kernwoorden gekozen. Gelijke voorstellen liggen al op één stapel.", { kept, limit: extra.limit })));
  const list = el("ul", "kw-list");
  list.id = "kw-keep-list";
  const seen = new Set();
  for (const n of here) {
    if (n.group_id != null && seen.has(n.group_id) && !n.data.kept) continue; // one row per stack
    if (n.group_id != null) seen.add(n.group_id);
    const size = n.group_id == null ? 1 : here.filter((m) => m.group_id === n.group_id).length;
    const li = el("li", "kw-row");
    li.append(el("span", "kw-chip", n.text));
    if (size > 1) li.append(el("span", "hint", `×${size}`));
    const b = btn(n.data.kept ? t("Gekozen ✓") : t("Kies"), () =>
      view.send("kernwoorden:houden", { activity_id: view.activity.id, note_id: n.id, kept: !n.data.kept }),
      n.data.kept ? "small primary" : "small");
    b.setAttribute("aria-pressed", String(Boolean(n.data.kept)));
    li.append(b);
    list.append(li);
  }
  container.append(list);

  const settings = el("div", "kw-row");
  const limit = el("input"); limit.type = "number"; limit.min = 1; limit.max = 10; limit.value = extra.limit;
  const minutes = el("input"); minutes.type = "number"; minutes.min = 1; minutes.max = 60; minutes.value = extra.minutes;
  const l1 = el("label", "inline", t("Kernwoorden per doelstelling")); l1.append(limit);
  const l2 = el("label", "inline", t("Minuten per doelstelling")); l2.append(minutes);
  settings.append(l1, l2, btn(t("Instellen"), () => view.send("kernwoorden:instellingen", {
    activity_id: view.activity.id, limit: Number(limit.value), minutes: Number(minutes.value),
  })));
  container.append(settings);
}
