// Facilitator for `kernwoorden`: walk the goals (each step restarts the timer),
// keep at most `limit` keywords per goal, set the limit and the minutes per goal.
//
// Drawn with the shared primitives of static/js/forms.js: the page's keyed list keeps
// every part whose content did not change (so the settings being typed in survive
// arriving proposals), and the shell's keepFocus gives a redrawn focused field its focus
// and typed text back (its data-key finds it). No guard of its own that skips a redraw.
import { keyedList } from "/static/js/forms.js";
import { t } from "/static/js/i18n.js";
import { button as btn, el, useStylesheet } from "/static/js/plugins.js";
const CSS = "/wf/kernwoorden/static/style.css";
const ensureCss = () => useStylesheet(CSS);

async function go(view, payload) {
  const ack = await view.send("kernwoorden:doel", { activity_id: view.activity.id, ...payload });
  if (ack.ok) view.send("timer:set", { activity_id: view.activity.id, action: "start", seconds: ack.seconds });
}

const part = (key, sig, build) => ({ key, sig: JSON.stringify(sig), build });

export function render(container, view) {
  ensureCss();
  const extra = view.activity.extra || {};
  const goal = view.goals.find((g) => g.id === extra.goal_id);
  if (!goal) {
    const text = t("Maak eerst doelstellingen aan (bij het agendapunt Doelstellingen).");
    keyedList(container, [part("empty", text, () => el("p", "hint", text))]);
    return;
  }
  const here = view.notes.filter((n) => !n.hidden && n.data && n.data.goal_id === goal.id);
  const kept = here.filter((n) => n.data.kept).length;
  keyedList(container, [
    part("title", [goal.title, extra.index, extra.total], () =>
      el("h3", null, t("Doelstelling %(n)s van %(total)s: %(title)s", { n: extra.index + 1, total: extra.total, title: goal.title }))),
    part("nav", [goal.id, extra.index, extra.total, extra.minutes], () => nav(view, goal, extra)),
    part("count", [kept, extra.limit], () =>
      el("p", "hint", t("%(kept)s van %(limit)s kernwoorden gekozen. Gelijke voorstellen liggen al op één stapel.", { kept, limit: extra.limit }))),
    part("list", [goal.id], () => { const list = el("ul", "kw-list"); list.id = "kw-keep-list"; return list; }),
    part("settings", [extra.limit, extra.minutes], () => settings(view, extra)),
  ]);
  keyedList(container.querySelector("#kw-keep-list"), rows(view, here));
}

function nav(view, goal, extra) {
  const bar = el("div", "toolbar");
  const prev = btn(t("◀ Vorige doelstelling"), () => go(view, { step: -1 }));
  prev.id = "kw-prev"; prev.disabled = extra.index === 0;
  const next = btn(t("Volgende doelstelling ▶"), () => go(view, { step: 1 }), "small primary");
  next.id = "kw-next"; next.disabled = extra.index >= extra.total - 1;
  const start = btn(t("Start %(minutes)s min", { minutes: extra.minutes }), () => go(view, { goal_id: goal.id }));
  start.dataset.key = "kw-start";
  bar.append(prev, next, start);
  return bar;
}

// One row per stack of equal proposals (and every kept one), keyed by note.
function rows(view, here) {
  const out = [];
  const seen = new Set();
  for (const n of here) {
    if (n.group_id != null && seen.has(n.group_id) && !n.data.kept) continue;
    if (n.group_id != null) seen.add(n.group_id);
    const size = n.group_id == null ? 1 : here.filter((m) => m.group_id === n.group_id).length;
    const kept = Boolean(n.data.kept);
    out.push(part(`kw-${n.id}`, [n.text, size, kept], () => {
      const li = el("li", "kw-row");
      li.append(el("span", "kw-chip", n.text));
      if (size > 1) li.append(el("span", "hint", `×${size}`));
      const b = btn(kept ? t("Gekozen ✓") : t("Kiezen"), () =>
        view.send("kernwoorden:houden", { activity_id: view.activity.id, note_id: n.id, kept: !kept }),
      kept ? "small primary" : "small");
      b.setAttribute("aria-pressed", String(kept));
      b.dataset.key = `kw-${n.id}-keep`;
      li.append(b);
      return li;
    }));
  }
  return out;
}

function settings(view, extra) {
  const form = el("form", "kw-row");
  const limit = el("input"); limit.type = "number"; limit.min = 1; limit.max = 10; limit.value = extra.limit;
  limit.dataset.key = "kw-limit";
  const minutes = el("input"); minutes.type = "number"; minutes.min = 1; minutes.max = 60; minutes.value = extra.minutes;
  minutes.dataset.key = "kw-minutes";
  const l1 = el("label", "inline", t("Kernwoorden per doelstelling")); l1.append(limit);
  const l2 = el("label", "inline", t("Minuten per doelstelling")); l2.append(minutes);
  const submit = el("button", "small", t("Instellen"));
  submit.type = "submit";
  submit.dataset.key = "kw-set";
  form.append(l1, l2, submit);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    view.send("kernwoorden:instellingen", {
      activity_id: view.activity.id, limit: Number(limit.value), minutes: Number(minutes.value),
    });
  });
  return form;
}
