// Phone for `processen-en-acties`: where I stand now (asked with processen-en-acties:mine,
// my own answer in the ack), the keywords of that goal to post under, and notes
// already there to stick mine onto. At the end of a round the phone asks again.
import { btn, el, ensureCss, roundOf, statusText, tickStatus } from "./shared.js";
import { t } from "/static/js/i18n.js";

const chosen = new Map(); // goal id -> keyword id (null: Overig)
let last = null; // {key, ack}
let picked = null; // before the rotation: the goal picked by hand
let wake = null;

function keyOf(view, round) {
  const rot = (view.activity.extra || {}).rotation || {};
  // A new round, a restart, renamed goals or other kept keywords: ask again.
  const goals = view.goals.map((g) => `${g.id}=${g.title}`).join("|");
  const words = JSON.stringify((view.activity.extra || {}).keywords || {});
  return `${view.activity.id}:${rot.started}:${rot.base}:${rot.base_at}:${rot.auto}:${round}:${goals}:${words}`;
}

export async function render(area, view) {
  ensureCss();
  const extra = view.activity.extra || { keywords: {}, rotation: { started: false } };
  const rot = extra.rotation;
  const { round, endsAt, now } = roundOf(rot);
  const key = keyOf(view, round);
  if (!last || last.key !== key) {
    const ack = await view.request("processen-en-acties:mine", { activity_id: view.activity.id });
    if (!ack.ok) { view.showError(ack.error); return; }
    last = { key, ack };
  }
  if (!area.isConnected) return;
  if (wake) { clearTimeout(wake); wake = null; }
  if (endsAt) wake = setTimeout(() => view.refresh(), endsAt - now + 300);
  const ack = last.ack;
  const status = el("p", "hint", statusText(rot));
  status.id = "pa-phone-status";
  area.append(status);
  // Count down on the page's ticker (the round switch itself is `wake`'s: it asks the server again).
  tickStatus(status, rot);
  let goal = ack.goal;
  let keywords = ack.keywords || [];
  if (!ack.started) {
    // Before the rotation starts, pick a goal yourself.
    if (!view.goals.length) { area.append(el("p", "card", t("Nog geen doelstellingen."))); return; }
    const select = el("select");
    select.setAttribute("aria-label", t("Doelstelling"));
    for (const g of view.goals) {
      const o = el("option", null, g.title);
      o.value = g.id;
      select.append(o);
    }
    if (!view.goals.some((g) => g.id === picked)) picked = view.goals[0].id;
    select.value = String(picked);
    select.addEventListener("change", () => { picked = Number(select.value); view.refresh(); });
    area.append(select);
    goal = view.goals.find((g) => g.id === picked);
    keywords = extra.keywords[goal.id] || [];
  } else if (!goal) {
    area.append(el("p", "card", t("Jouw doelstelling bestaat niet meer. Vraag de begeleider de rotatie opnieuw te starten.")));
    return;
  } else {
    const mine = el("p", "pa-mygoal", goal.title);
    mine.id = "pa-my-goal";
    mine.dataset.goalId = goal.id;
    area.append(el("span", "hint", t("Jij staat nu bij:")), mine);
  }
  // The keyword to post under.
  const picker = el("fieldset", "pa-picker");
  picker.append(el("legend", "sr-only", t("Onder welk kernwoord?")));
  if (!chosen.has(goal.id) || ![null, ...keywords.map((k) => k.id)].includes(chosen.get(goal.id))) {
    chosen.set(goal.id, keywords.length ? keywords[0].id : null);
  }
  for (const option of [...keywords, { id: null, text: t("Overig") }]) {
    const label = el("label", option.id == null ? "pa-kw--rest" : "");
    const input = el("input");
    input.type = "radio"; input.name = "pa-keyword"; input.value = option.id == null ? "" : option.id;
    input.checked = chosen.get(goal.id) === option.id;
    input.addEventListener("change", () => chosen.set(goal.id, option.id));
    label.append(input, document.createTextNode(option.text));
    picker.append(label);
  }
  area.append(picker);
  // Notes already on this flip-over: stick yours onto a similar one.
  const listed = await view.request("notes:list", { activity_id: view.activity.id });
  if (!listed.ok || !area.isConnected) return;
  const there = listed.notes.filter((n) => n.data && n.data.goal_id === goal.id && !n.mine);
  if (!there.length) return;
  const details = el("details");
  details.append(el("summary", null, t("Staat er al iets wat er op lijkt? (%(n)s)", { n: there.length })));
  const list = el("ul", "pa-similar");
  for (const n of there) {
    const li = el("li");
    li.append(view.noteElement(n, view.meta, { showAuthor: false }));
    li.append(btn(t("Mijn post-it hierbij plakken"), async () => {
      const text = view.text.value.trim();
      if (!text) { view.showError(t("Schrijf eerst je post-it, en plak hem dan hierbij.")); view.text.focus(); return; }
      const data = { goal_id: goal.id };
      if (n.data.keyword_id != null) data.keyword_id = n.data.keyword_id;
      const client_id = `${Date.now()}-${Math.random().toString(16).slice(2)}`;
      // Empty the field now, not at the ack: the server broadcasts the note (and redraws
      // this page) before it acks, and by then the next post-it may be half typed.
      setText(view, "");
      view.showError("");
      const sent = await view.request("note:add", { activity_id: view.activity.id, client_id, text, data, stack_on: n.id });
      if (!sent.ok) {
        // Refused or no answer: give the text back, unless something new is typed already.
        if (!view.text.value.trim()) setText(view, text);
        view.showError(sent.error);
      }
    }));
    list.append(li);
  }
  details.append(list);
  area.append(details);
}

/** Set the composer's text, and its saved draft with it (the shell saves on "input"). */
function setText(view, text) {
  view.text.value = text;
  view.text.dispatchEvent(new Event("input"));
}

export function noteData(view) {
  const ack = last && last.ack;
  const goalId = ack && ack.started ? ack.goal && ack.goal.id : picked;
  if (goalId == null) return { error: t("Kies eerst bij welke doelstelling je post-it hoort.") };
  const data = { goal_id: goalId };
  const keyword = chosen.get(goalId);
  if (keyword != null) data.keyword_id = keyword;
  return { data };
}
