// The facilitator's page: run the agenda, phases, the spotlight round,
// moderate notes, download the report, delete the session. The server checks
// the facilitator cookie on join; this page never holds the token.
//
// Work format facilitator modules (workforms/<slug>/static/facilitator.js) export
//   render(container, view)
// with view = {activity, meta, notes, groups, goals, ambition, activities, forms,
// send(event, payload) → ack, focused}. It runs when anything in `view` changed,
// inside keepFocus (static/js/forms.js): a focused field that the module redraws
// gets its focus, typed text and selection back in the field with the same
// data-key (or id). `focused` is true while the facilitator is inside the container.

import {
  applyActivityChanged, applyActivityUpdated, applyNotesSync, applyTimerChanged, applyVotesProgress, currentActivity,
} from "./agenda.js";
import { connect, request } from "./connection.js";
import { fold, keepFocus, keyedList, onSubmitText, rebuild, setProp, setText } from "./forms.js";
import { itemsOf } from "./groups.js";
import { NoteStore, noteElement, plural } from "./notes.js";
import { pick } from "./picker.js";
import { applyGoals, loadModule } from "./plugins.js";
import { Countdown } from "./timer.js";
import { t } from "./i18n.js";
import { serverNow, onTick } from "./clock.js";
import { setUpPhotos } from "./photos.js";
import { clockText as planClock, expectedMinutes, itemMs, meetingMs, started } from "./meetingclock.js";

const code = document.body.dataset.code;
const $ = (id) => document.getElementById(id);
const els = {
  agenda: $("agenda"), prev: $("prev"), next: $("next"), kind: $("current-kind"), title: $("current-title"),
  prompt: $("current-prompt"), phases: $("phases"), notes: $("notes"), error: $("fac-error"), presence: $("presence"),
  spotPrev: $("spot-prev"), spotNext: $("spot-next"), spotOff: $("spot-off"), spotTools: $("spot-tools"),
  form: $("activity-form"), editTitle: $("edit-title"), editPrompt: $("edit-prompt"), editBody: $("edit-body"),
  editMinutes: $("edit-minutes"),
  del: $("delete-session"), showNames: $("show-names"), namesToggle: $("names-toggle"),
  locked: $("locked"), lockToggle: $("lock-toggle"), votes: $("votes-info"),
  perPerson: $("votes-per-person"), perItem: $("votes-per-item"), notesLimit: $("notes-per-person"),
};
const countdown = new Countdown($("timer"));
const timerEls = { minutes: $("timer-minutes"), start: $("timer-start"), pause: $("timer-pause"), add: $("timer-add"), stop: $("timer-stop") };
const state = {
  activities: [], current: null, forms: {}, notes: new NoteStore(), groups: [], spotlight: null, goals: [], ambition: "",
  meetingGoals: [], preparation: [], ticked: [], photos: {},
};
let socket = null;

const current = () => currentActivity(state);
const metaOf = (a) => (a && state.forms[a.workform]) || { categories: [], note_actions: [], phases: [], accepts_notes: false };

async function send(event, payload) {
  els.error.textContent = "";
  const ack = await request(socket, event, payload);
  if (!ack.ok) els.error.textContent = ack.error;
  // What the facilitator did shows in the next frame, also in a busy room: the server's
  // events for it came before this ack, and a draw held back (DRAW_GAP_MS) would leave the
  // old page under her next click ("Vraag 2 omhoog" twice).
  if (waiting) renderSoon(true);
  return ack;
}

// Every event redraws through here; keepFocus gives a replaced focused field its focus,
// text and selection back (agenda and phase buttons carry a data-key for that).
// What the server sends is drawn in the next frame. A regional meeting's room posts 100
// notes a second: a draw per message (each walks the item's notes) kept the page's main
// thread busy for seconds, and a draw per frame still 40 % of the time, with long tasks
// where a draw met other work (bench/regional.py). So on an item with more than
// BUSY_NOTES notes a draw waits until DRAW_GAP_MS after the last one. A practice meeting
// (80 notes) stays at one draw per frame: what the facilitator reaches for is where it is
// drawn. A hidden tab draws when it is shown again.
const DRAW_GAP_MS = 250;
const BUSY_NOTES = 200;
let pending = 0;
let waiting = 0;
let drawnAt = -Infinity;
let busy = false;
let draws = 0;

function render() {
  if (pending) { cancelAnimationFrame(pending); pending = 0; }
  if (waiting) { clearTimeout(waiting); waiting = 0; }
  // A mark per draw: DevTools' timeline shows them, and tests/test_browser_regional.py counts
  // them. Cleared now and then: a meeting of hours must not keep every one.
  if (++draws % 1000 === 0) performance.clearMarks("flipover:draw");
  drawnAt = performance.mark("flipover:draw").startTime;
  keepFocus(document.querySelector("main"), draw);
}

function renderSoon(now = false) {
  if (pending || (waiting && !now)) return;
  if (waiting) { clearTimeout(waiting); waiting = 0; }
  const frame = () => { pending = requestAnimationFrame(() => { pending = 0; render(); }); };
  const wait = now || !busy ? 0 : drawnAt + DRAW_GAP_MS - performance.now();
  if (wait > 0) waiting = setTimeout(() => { waiting = 0; frame(); }, wait);
  else frame();
}

// The time plan: each item's planned start (from the meeting's start) and minutes, and
// a warning when the items add up to more than the meeting's length (issue 19).
const clockText = planClock;

// The meeting clock against the plan: how long it runs, the current item's minutes of its
// plan, and the expected overrun; redrawn on the shared ticker (no server traffic).
function renderClock() {
  const now = serverNow();
  const on = started(state.activities);
  const text = $("meeting-clock-text");
  setText($("clock-start"), on ? t("Klok op nu zetten") : t("Klok starten"));
  if (!on) {
    setText(text, t("De klok start als de eerste deelnemer meedoet."));
    $("meeting-clock").classList.remove("warn");
    return;
  }
  const ran = Math.floor(meetingMs(state.activities, now) / 60000);
  const parts = [t("Bijeenkomst loopt %(time)s", { time: clockText(ran) })];
  const activity = current();
  let late = false;
  if (activity && activity.minutes) {
    const spent = Math.floor(itemMs(activity, now) / 60000);
    parts.push(t("dit onderdeel %(spent)s van %(planned)s min", { spent, planned: activity.minutes }));
    late = spent > activity.minutes;
  }
  const expected = expectedMinutes(state.activities, state.current, now);
  if (state.duration && expected > state.duration) {
    parts.push(t("verwachte uitloop %(num)s min", { num: expected - state.duration }));
    late = true;
  }
  setText(text, parts.join(" · "));
  $("meeting-clock").classList.toggle("warn", late);
}
onTick(renderClock);

function renderPlan() {
  const planned = state.activities.reduce((sum, a) => sum + (a.minutes || 0), 0);
  const plan = $("plan");
  plan.classList.toggle("warn", Boolean(state.duration && planned > state.duration));
  setText(plan, !planned && !state.duration ? ""
    : state.duration && planned > state.duration
      ? t("Let op: de agenda duurt %(planned)s min, de bijeenkomst %(duration)s min.", { planned, duration: state.duration })
      : state.duration
        ? t("Gepland: %(planned)s van %(duration)s min", { planned, duration: state.duration })
        : t("Gepland: %(planned)s min", { planned }));
}

function draw() {
  const activity = current();
  let start = 0;
  const rows = state.activities.map((a, i) => {
    let time = null;
    if (a.minutes) {
      time = `${clockText(start)} · ${t("%(num)s min", { num: a.minutes })}`;
      // What the item actually took, once it has been on (whole minutes).
      if (a.id !== state.current && a.actual && a.actual.spent_ms) {
        time += " " + t("(werkelijk %(num)s)", { num: Math.round(itemMs(a, serverNow()) / 60000) });
      }
      start += a.minutes;
    }
    return { id: a.id, label: `${i + 1}. ${a.title}`, time, current: a.id === state.current };
  });
  rebuild(els.agenda, JSON.stringify(rows), () => rows.map((row) => {
    const li = document.createElement("li");
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = row.label;
    if (row.time) {
      const time = document.createElement("span");
      time.className = "agenda__time";
      time.textContent = row.time;
      b.append(time);
    }
    b.dataset.key = `agenda-${row.id}`;
    if (row.current) b.setAttribute("aria-current", "step");
    b.addEventListener("click", () => send("activity:goto", { activity_id: row.id }));
    li.append(b);
    return li;
  }));
  renderPlan();
  renderClock();
  const index = state.activities.findIndex((a) => a.id === state.current);
  setProp(els.prev, "disabled", index <= 0);
  setProp(els.next, "disabled", index < 0 || index >= state.activities.length - 1);
  if (!activity) return;
  const meta = metaOf(activity);
  setText(els.kind, t("Werkvorm: %(name)s", { name: meta.title || activity.workform }));
  setText(els.title, activity.title);
  setText(els.prompt, activity.prompt || "");
  if (document.activeElement && !els.form.contains(document.activeElement)) {
    setProp(els.editTitle, "value", activity.title);
    setProp(els.editPrompt, "value", activity.prompt || "");
    setProp(els.editBody, "value", activity.body || "");
    setProp(els.editMinutes, "value", activity.minutes ? String(activity.minutes) : "");
  }
  const phaseSig = JSON.stringify([activity.id, activity.phase, meta.phases.length > 1 ? meta.phases : []]);
  rebuild(els.phases, phaseSig, () => (meta.phases.length > 1 ? meta.phases : []).map((p) => {
    const b = document.createElement("button");
    b.type = "button";
    // A step the app adds to the handbook's rhythm says so (e.g. voting in trots).
    b.textContent = p.optional ? t("%(phase)s (extra)", { phase: p.title }) : p.title;
    if (p.optional) {
      b.classList.add("optional");
      b.title = t("Geen stap van het handboek: een extra van de app.");
    }
    b.dataset.key = `phase-${p.slug}`;
    b.setAttribute("aria-pressed", String(activity.phase === p.slug));
    if (activity.phase === p.slug) b.classList.add("primary");
    b.addEventListener("click", () => send("activity:phase", { activity_id: activity.id, phase: p.slug }));
    return b;
  }));
  setProp(els.spotTools, "hidden", !meta.accepts_notes);
  // A format that is anonymous for everyone (meta.always_anonymous) offers no names switch.
  setProp(els.namesToggle, "hidden", !meta.accepts_notes || Boolean(meta.always_anonymous));
  setProp(els.showNames, "checked", !activity.anonymous);
  setProp(els.showNames, "disabled", Boolean(meta.always_anonymous));
  setProp(els.lockToggle, "hidden", !meta.accepts_notes);
  setProp($("notes-limit-field"), "hidden", !meta.accepts_notes);
  if (document.activeElement !== els.notesLimit) setProp(els.notesLimit, "value", String(activity.notes_limit));
  setProp(els.locked, "checked", Boolean(activity.locked));
  renderInstruction(activity, meta);
  renderTimer(activity, meta);
  renderNotes(activity, meta);
  renderPlugin(activity, meta);
  renderPhotos();
  renderGoals();
}

// The facilitator's script (issue 19): what the handbook says to say and do in this phase
// (the phase's `instruction`, one paragraph a line), its minutes, and the phase after it.
function renderInstruction(activity, meta) {
  const phases = meta.phases || [];
  const index = phases.findIndex((p) => p.slug === activity.phase);
  const phase = phases[index];
  const panel = $("instruction");
  setProp(panel, "hidden", !(phase && phase.instruction));
  if (panel.hidden) return;
  if (panel.dataset.phase !== phase.slug) panel.dataset.phase = phase.slug; // for tests and tools
  const minutes = activity.timer_minutes ?? phase.minutes;
  setText($("instruction-phase"), minutes
    ? t("%(phase)s · %(num)s min", { phase: phase.title, num: minutes })
    : phase.title);
  rebuild($("instruction-text"), phase.instruction, () => phase.instruction.split("\n").map((line) => {
    const p = document.createElement("p");
    p.textContent = line;
    return p;
  }));
  // The handbook's rhythm: the app's extra steps are not "next", they are chosen.
  const next = phases.slice(index + 1).find((p) => !p.optional);
  // After an item's last step the script names the next agenda item and its planned time,
  // so the facilitator never needs the paper agenda to know what comes.
  const after = state.activities[state.activities.findIndex((a) => a.id === activity.id) + 1];
  setText($("instruction-next"), next
    ? t("Daarna: %(phase)s", { phase: next.title })
    : after
      ? (after.minutes
        ? t("Daarna: volgend agendapunt ‘%(title)s’ (%(num)s min)", { title: after.title, num: after.minutes })
        : t("Daarna: volgend agendapunt ‘%(title)s’", { title: after.title }))
      : t("Dit is het laatste agendapunt."));
}

// The meeting's Doel (the template's, as on the report's cover) above the agenda, and the
// template's "Voorbereiding" checklist: ticks are kept on the server, so another laptop
// and a reload show them too.
function renderMeeting() {
  $("meeting-doel").hidden = !state.meetingGoals.length;
  $("meeting-goals").replaceChildren(...state.meetingGoals.map((goal) => {
    const li = document.createElement("li");
    li.textContent = goal;
    return li;
  }));
  $("preparation-card").hidden = !state.preparation.length;
  const ticked = new Set(state.ticked);
  const done = state.preparation.filter((item) => ticked.has(item.key)).length;
  $("preparation-count").textContent = t("%(done)s van %(total)s", { done, total: state.preparation.length });
  $("preparation-list").replaceChildren(...state.preparation.map((item) => {
    const li = document.createElement("li");
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.checked = ticked.has(item.key);
    box.dataset.key = `preparation-${item.key}`;
    box.addEventListener("change", async () => {
      const ack = await send("preparation:tick", { key: item.key, done: box.checked });
      if (ack.ok) { state.ticked = ack.ticked; renderMeeting(); } else box.checked = !box.checked;
    });
    // The handbook's "Onderwerp: uitleg": the subject in bold.
    const colon = item.text.indexOf(": ");
    const text = document.createElement("span");
    if (colon > 0) {
      const subject = document.createElement("strong");
      subject.textContent = item.text.slice(0, colon + 1);
      text.append(subject, " ", item.text.slice(colon + 2));
    } else text.textContent = item.text;
    label.append(box, text);
    li.append(label);
    return li;
  }));
}

// The session's goals stay in view for every later activity (kernwoorden, processen en ICT, ...).
function renderGoals() {
  setText($("goals-ambition"), state.ambition ? t("Ambitie: %(ambition)s", { ambition: state.ambition }) : "");
  rebuild($("goals-list"), JSON.stringify([state.goals, $("goals-edit").open]), () => state.goals.map((g) => {
    const li = document.createElement("li");
    const title = document.createElement("span");
    title.textContent = g.title;
    li.append(title);
    if ($("goals-edit").open) {
      const del = document.createElement("button");
      del.type = "button";
      del.className = "small";
      del.textContent = "×";
      del.setAttribute("aria-label", t("Doelstelling “%(title)s” verwijderen", { title: g.title }));
      del.dataset.key = `goal-${g.id}-delete`;
      del.addEventListener("click", () => send("goal:delete", { goal_id: g.id }));
      li.append(" ", del);
    }
    return li;
  }));
  const ambition = $("ambition-input");
  if (document.activeElement !== ambition) setProp(ambition, "value", state.ambition || "");
}

// Goals can be set in any meeting (e.g. known from the intake), not only in `doelstellingen`.
$("goals-edit").addEventListener("toggle", renderGoals);
onSubmitText($("goal-form"), $("goal-input"), (title) => send("goal:add", { title }));
$("ambition-form").addEventListener("submit", (e) => {
  e.preventDefault();
  send("ambition:set", { text: $("ambition-input").value });
});

// What this meeting took over from the trajectory's earlier ones (set once, at creation).
function renderCarried(carried) {
  const actions = carried.actions || [];
  $("carried-card").hidden = !actions.length;
  $("carried-from").textContent = carried.from ? t("Meegenomen uit “%(title)s”", { title: carried.from.title }) : "";
  $("carried-list").replaceChildren(...actions.map((a) => {
    const li = document.createElement("li");
    li.textContent = `${a.what} — ${a.who || "?"} (${t(STATUS_LABELS[a.status] || a.status)})`;
    return li;
  }));
}
const STATUS_LABELS = { open: "Open", bezig: "Bezig", klaar: "Klaar" };

function renderPlugin(activity, meta) {
  const area = $("plugin-area");
  setProp(area, "hidden", !meta.facilitator_js);
  if (!meta.facilitator_js) { area.replaceChildren(); delete area.dataset.activity; delete area.dataset.signature; return; }
  const switched = area.dataset.activity !== String(activity.id);
  area.dataset.activity = String(activity.id);
  if (switched) area.replaceChildren();
  const view = {
    activity, meta, notes: state.notes.forActivity(activity.id),
    groups: state.groups.filter((g) => g.activity_id === activity.id), goals: state.goals,
    ambition: state.ambition, activities: state.activities, forms: state.forms, send,
  };
  // The shell renders after every event in the session; a module redraws only when
  // something it is given changed (the one render signature for every module).
  const signature = JSON.stringify([view.activity, view.notes, view.groups, view.goals, view.ambition, view.activities]);
  if (!switched && area.dataset.signature === signature) return;
  area.dataset.signature = signature;
  loadModule(meta.facilitator_js).then((mod) => {
    if (!mod || !mod.render || area.dataset.activity !== String(activity.id)) return;
    keepFocus(area, () => mod.render(area, { ...view, focused: area.contains(document.activeElement) }));
  });
}

// Buttons work formats put on every note of the session (e.g. "→ Actieplan").
function noteCommands(note) {
  const out = [];
  for (const a of state.activities) {
    const meta = state.forms[a.workform];
    for (const cmd of (meta && meta.note_commands) || []) {
      if (a.id === note.activity_id) continue;
      out.push(btn(cmd.label, () => send(`${a.workform}:${cmd.event}`, { activity_id: a.id, note_id: note.id })));
    }
  }
  return out;
}

function renderTimer(activity, meta) {
  countdown.set(activity.timer);
  const tm = activity.timer;
  const phase = meta.phases.find((p) => p.slug === activity.phase);
  // The server scales the phase's minutes to the item's planned minutes (timer_minutes).
  const preset = activity.timer_minutes ?? (phase && phase.minutes);
  if (!tm && preset && document.activeElement !== timerEls.minutes) setProp(timerEls.minutes, "value", String(preset));
  setText(timerEls.pause, tm && tm.state === "paused" ? t("Hervatten") : t("Pauze"));
  setProp(timerEls.pause, "disabled", !tm);
  setProp(timerEls.stop, "disabled", !tm);
}

function timer(action, extra = {}) {
  const activity = current();
  if (activity) send("timer:set", { activity_id: activity.id, action, ...extra });
}

// The note list is drawn incrementally, keyed by note and group: an event redraws only the
// cards whose content changed (a busy room adds one card per note instead of rebuilding
// all 150), and a card that is not redrawn keeps its focus and half-typed group name.
// What is shown follows the search field and the quick filter (alle / behouden / verborgen).
const view = { query: "", quick: "all", collapsed: new Set(), allCollapsed: false, menu: null, limit: 0 };

// A regional meeting's agenda item holds thousands of post-its; drawn all at once, each
// arriving note cost the page a layout of 30,000 elements (long tasks of 100 ms, bench/regional.py).
// The list shows a window of cards, the newest (or the most voted, once votes are counted),
// and the rest a click away. Groups are always drawn: they are what the facilitator works
// on (drop targets, the spotlight). A practice meeting's 80 notes never reach it. (App's own.)
// The window moves by STEP cards at a time: a new note is appended, and the cards before it
// keep their places (a window that slid by one card moved, and so repainted, every card).
const WINDOW = 400;
const STEP = 200;

/** The entries to draw: all, or a window of them with a button for the rest. */
function windowOf(entries, byVotes) {
  const limit = view.limit || WINDOW;
  if (entries.length <= limit) return entries;
  let shown;
  let rest;
  if (byVotes) {
    shown = entries.slice(0, limit);
    rest = entries.slice(limit);
  } else {
    const loose = entries.filter((e) => !e.group);
    if (loose.length <= limit) return entries;
    const hidden = new Set(loose.slice(0, Math.ceil((loose.length - limit) / STEP) * STEP));
    shown = entries.filter((e) => !hidden.has(e));
    rest = [...hidden];
  }
  const notes = rest.reduce((sum, e) => sum + e.n, 0);
  const label = byVotes
    ? t("Meer tonen: nog %(notes)s", { notes: plural(notes, t("post-it"), t("post-its")) })
    : t("Eerdere tonen: nog %(notes)s", { notes: plural(notes, t("post-it"), t("post-its")) });
  const more = {
    key: "more", sig: label,
    build: () => {
      const li = document.createElement("li");
      li.className = "fnotes__more";
      li.append(btn(label, () => {
        const before = li.previousElementSibling; // the last card drawn above "Meer tonen"
        view.limit = (view.limit || WINDOW) + 1000;
        render();
        // Its button gone (all shown), the focus goes to the first card that came into view.
        if (els.notes.contains(li)) return;
        const card = byVotes ? before && before.nextElementSibling : els.notes.querySelector(":scope > li.fnote");
        const first = card && card.querySelector("button");
        if (first) first.focus();
      }, "notes-more"));
      return li;
    },
  };
  if (byVotes) return [...shown, more];
  // Between the groups and the loose notes: where the earlier loose notes would be.
  const at = shown.findIndex((e) => !e.group);
  return [...shown.slice(0, at), more, ...shown.slice(at)];
}
const folded = new WeakMap(); // note → its searchable text, folded once

function haystack(note, meta) {
  let text = folded.get(note);
  if (text === undefined) {
    const cat = (meta.categories || []).find((c) => c.slug === note.category);
    text = fold([note.text, note.author_name, cat && cat.label].filter(Boolean).join(" "));
    folded.set(note, text);
  }
  return text;
}

function quickFilters(meta) {
  return [
    { key: "all", label: t("Alle"), test: () => true },
    ...meta.note_actions.map((a) => ({ key: `flag:${a.field}`, label: a.label, test: (n) => Boolean(n.data && n.data[a.field]) })),
    { key: "hidden", label: t("Verborgen"), test: (n) => n.hidden },
  ];
}

function renderQuick(meta) {
  const filters = quickFilters(meta);
  if (!filters.some((f) => f.key === view.quick)) view.quick = "all";
  const box = $("note-quick");
  setProp(box, "hidden", !meta.accepts_notes);
  const sig = JSON.stringify([filters.map((f) => f.key), view.quick]);
  if (box.dataset.sig === sig) return filters.find((f) => f.key === view.quick);
  box.dataset.sig = sig;
  box.replaceChildren(...filters.map((f) => {
    const b = btn(f.label, () => { view.quick = f.key; render(); }, `quick-${f.key}`);
    b.setAttribute("aria-pressed", String(view.quick === f.key));
    return b;
  }));
  return filters.find((f) => f.key === view.quick);
}

// A loose note's signature, kept per note object (an update puts a new object in the store):
// with 2,000 notes a frame would otherwise serialise every one of them again.
const looseSigs = new WeakMap();
function looseSig(note, dots, context) {
  const held = looseSigs.get(note);
  if (held && held.dots === dots && held.context === context) return held.sig;
  const sig = JSON.stringify([null, [note], [note.id], dots, false, context]);
  looseSigs.set(note, { dots, context, sig });
  return sig;
}

function renderNotes(activity, meta) {
  const notes = state.notes.forActivity(activity.id);
  busy = notes.length > BUSY_NOTES;
  const groups = state.groups.filter((g) => g.activity_id === activity.id);
  const votes = activity.votes;
  setProp($("vote-settings"), "hidden", !meta.phases.some((p) => p.slug === "stemmen"));
  for (const [input, value] of [[els.perPerson, activity.voting.per_person], [els.perItem, activity.voting.per_item]]) {
    if (document.activeElement !== input) setProp(input, "value", String(value));
  }
  setText(els.votes, votes
    ? t("%(votes)s van %(voters)s", { votes: plural(votes.cast, t("stem"), t("stemmen")), voters: plural(votes.voters, t("deelnemer"), t("deelnemers")) }) +
      (votes.totals ? "" : t(" (uitslag zichtbaar na de stemronde)"))
    : activity.phase === "stemmen" ? t("Nog geen stemmen.") : "");
  $("notes-section").classList.toggle("is-empty", !meta.accepts_notes && !notes.length);
  // A new agenda item starts unfiltered: a search from the last one would hide its notes.
  if (view.activity !== activity.id) {
    if (view.activity !== undefined) { view.query = ""; view.quick = "all"; view.limit = 0; $("note-filter").value = ""; }
    view.activity = activity.id;
  }
  const quick = renderQuick(meta);
  const query = fold(view.query.trim());
  const filtering = Boolean(query) || view.quick !== "all";
  const match = (note) => quick.test(note) && (!query || haystack(note, meta).includes(query));
  // What a card shows besides its own note(s): who may be named, which commands exist.
  const context = JSON.stringify([
    activity.id, activity.workform, activity.anonymous, state.activities.map((a) => [a.id, a.workform]),
  ]);
  let shownNotes = 0;
  const entries = [];
  for (const item of itemsOf(notes, groups, votes && votes.totals)) {
    let members = item.notes;
    if (filtering) {
      const named = item.group && query && fold(item.group.name).includes(query) && view.quick === "all";
      members = named ? item.notes : item.notes.filter(match);
      if (!members.length) continue;
    }
    shownNotes += members.length;
    const collapsed = Boolean(item.group) && !filtering && isCollapsed(item.group.id);
    entries.push({
      key: item.key,
      group: Boolean(item.group),
      n: members.length,
      sig: item.group
        ? JSON.stringify([item.group, item.notes, members.map((n) => n.id), item.dots, collapsed, context])
        : looseSig(item.note, item.dots, context),
      build: () => (item.group ? groupCard(item, members, collapsed, meta) : noteCard(item.note, meta, item.dots)),
    });
  }
  const count = $("note-count");
  setText(count, !notes.length ? "" : filtering
    ? t("%(shown)s van %(n)s", { shown: shownNotes, n: notes.length })
    : plural(notes.length, t("post-it"), t("post-its")));
  const toggle = $("groups-toggle");
  setProp(toggle, "hidden", !groups.some((g) => notes.some((n) => n.group_id === g.id)));
  setText(toggle, view.allCollapsed ? t("Groepen uitklappen") : t("Groepen inklappen"));
  if (toggle.getAttribute("aria-pressed") !== String(view.allCollapsed)) toggle.setAttribute("aria-pressed", String(view.allCollapsed));
  if (!notes.length || (filtering && !entries.length)) {
    const text = notes.length ? t("Geen post-its gevonden.")
      : meta.accepts_notes ? t("Nog geen post-its.") : t("Dit onderdeel heeft geen post-its.");
    entries.push({ key: "hint", sig: text, build: () => { const li = document.createElement("li"); li.className = "hint"; li.textContent = text; return li; } });
  }
  keyedList(els.notes, windowOf(entries, Boolean(votes && votes.totals)));
  markSpotlight();
}

const isCollapsed = (groupId) => view.collapsed.has(groupId) !== view.allCollapsed;

// The search field is outside the redrawn list: typing in it is never interrupted by arriving notes.
$("note-filter").addEventListener("input", (e) => { view.query = e.target.value; render(); });
$("note-filter").addEventListener("keydown", (e) => {
  if (e.key === "Escape" && e.target.value) { e.preventDefault(); e.target.value = ""; view.query = ""; render(); }
});
$("groups-toggle").addEventListener("click", () => { view.allCollapsed = !view.allCollapsed; view.collapsed.clear(); render(); });

// The spotlight is a class, not part of a card: moving it redraws no card.
function markSpotlight() {
  for (const el of els.notes.querySelectorAll(".is-spot")) el.classList.remove("is-spot");
  const spot = state.spotlight;
  const el = spot && spot.group_id != null ? els.notes.querySelector(`li.fgroup[data-group-id="${spot.group_id}"]`)
    : spot && spot.note_id != null ? els.notes.querySelector(`li.note[data-note-id="${spot.note_id}"]`) : null;
  if (el) el.classList.add("is-spot");
}

// A group: rename, collapse, spotlight, dissolve; drop a note on it to add it. Collapsed it
// shows its first note and "+ N meer", like the board's stack.
function groupCard(item, members, collapsed, meta) {
  const li = document.createElement("li");
  li.className = "group fgroup";
  li.dataset.groupId = item.group.id;
  const key = `group-${item.group.id}`;
  const head = document.createElement("div");
  head.className = "group__head";
  const foldBtn = btn(collapsed ? "▸" : "▾", () => {
    if (view.collapsed.has(item.group.id)) view.collapsed.delete(item.group.id);
    else view.collapsed.add(item.group.id);
    render();
  }, `${key}-fold`);
  foldBtn.classList.add("fgroup__fold");
  foldBtn.setAttribute("aria-expanded", String(!collapsed));
  foldBtn.setAttribute("aria-label", t("Post-its van groep “%(name)s” tonen", { name: item.group.name || t("stapel") }));
  const name = document.createElement("input");
  name.value = item.group.name;
  name.dataset.key = `${key}-name`;
  name.placeholder = t("Naam van deze groep");
  name.setAttribute("aria-label", t("Naam van de groep"));
  name.addEventListener("change", () => send("group:update", { group_id: item.group.id, name: name.value }));
  const count = document.createElement("span");
  count.className = "group__count";
  count.textContent = members.length === item.notes.length ? plural(item.notes.length, t("post-it"), t("post-its"))
    : t("%(shown)s van %(n)s", { shown: members.length, n: item.notes.length });
  head.append(foldBtn, name);
  const bar = document.createElement("div");
  bar.className = "note__actions";
  bar.append(count);
  if (item.dots) bar.append(dots(item.dots));
  bar.append(
    btn(t("Uitlichten"), () => send("spotlight:set", { group_id: item.group.id }), `${key}-spot`),
    btn(t("Groep opheffen"), () => send("group:delete", { group_id: item.group.id }), `${key}-delete`),
  );
  const inner = document.createElement("ul");
  inner.className = "group__notes";
  inner.id = `${key}-notes`;
  foldBtn.setAttribute("aria-controls", inner.id);
  const shown = collapsed ? members.slice(0, 1) : members;
  for (const note of shown) inner.append(noteCard(note, meta, 0));
  li.append(head, bar, inner);
  if (shown.length < members.length) {
    const more = btn(t("+ %(n)s meer", { n: members.length - shown.length }), () => foldBtn.click(), `${key}-more`);
    more.classList.add("group__more");
    li.append(more);
  }
  dropTarget(li, (noteId) => send("note:stack", { note_id: noteId, group_id: item.group.id }));
  return li;
}

// A compact card: the whole text, category and author small, and one row of actions: the
// frequent ones (Spotlight, the work format's flags such as Behouden, Plak bij…) as buttons,
// the rare and destructive ones (Verberg, Bewerk, Verwijder, …) behind "⋯".
function noteCard(note, meta, count) {
  const li = noteElement(note, meta, { tag: "li" });
  li.classList.add("fnote");
  // The author goes on the label line, small: the text gets the card's full width.
  const author = li.querySelector(".note__author");
  if (author) li.querySelector(".note__label").append(author);
  const key = `note-${note.id}`;
  if (count) li.querySelector(".note__label").append(dots(count));
  const bar = document.createElement("div");
  bar.className = "note__actions";
  const onBoard = !note.hidden && !note.sealed;
  if (onBoard) bar.append(btn(t("Uitlichten"), () => send("spotlight:set", { note_id: note.id }), `${key}-spot`));
  const activity = current();
  for (const action of meta.note_actions) {
    const on = Boolean(note.data && note.data[action.field]);
    const b = btn(on ? action.active_label : action.label, () =>
      send("note:flag", { note_id: note.id, field: action.field, value: !on }), `${key}-flag-${action.field}`);
    b.setAttribute("aria-pressed", String(on));
    bar.append(b);
  }
  if (onBoard) {
    const stick = btn(t("Plakken bij…"), () => chooseStackTarget(note), `${key}-stick`);
    stick.setAttribute("aria-haspopup", "dialog");
    bar.append(stick);
  }
  if (!note.sealed) bar.append(...noteCommands(note));
  // The menu's buttons are built when it opens: 150 cards do not carry 600 hidden buttons.
  const more = () => {
    const out = [];
    if (onBoard && activity && !activity.anonymous && note.author_id != null) {
      out.push(btn(t("Alles van %(name)s", { name: note.author_name || t("deze persoon") }), () =>
        send("spotlight:set", { activity_id: note.activity_id, participant_id: note.author_id }), `${key}-person`));
    }
    if (note.group_id != null) out.push(btn(t("Uit groep"), () => send("note:unstack", { note_id: note.id }), `${key}-unstack`));
    out.push(
      btn(note.hidden ? t("Tonen") : t("Verbergen"), () => send("note:update", { note_id: note.id, hidden: !note.hidden }), `${key}-hide`),
      btn(t("Bewerken"), () => {
        const text = prompt(t("Tekst van de post-it"), note.text);
        if (text !== null) send("note:update", { note_id: note.id, text });
      }, `${key}-edit`),
      btn(t("Verwijderen"), () => { if (confirm(t("Post-it verwijderen?"))) send("note:delete", { note_id: note.id }); }, `${key}-delete`),
    );
    return out;
  };
  bar.append(noteMenu(key, more));
  li.append(bar);
  if (onBoard) {
    li.draggable = true;
    li.addEventListener("dragstart", (e) => { e.stopPropagation(); e.dataTransfer.setData("text/x-note", String(note.id)); });
    dropTarget(li, (noteId) => { if (noteId !== note.id) send("note:stack", { note_id: noteId, target_note_id: note.id }); });
  }
  return li;
}

// "⋯": a disclosure button with a small panel of buttons (keeping their names, so
// screen readers and tests find "Verberg"). One is open at a time; Escape or a click
// elsewhere closes it, arrow keys walk it. Which one is open survives a redraw of its card.
function noteMenu(key, buttons) {
  menus.set(key, buttons);
  const wrap = document.createElement("div");
  wrap.className = "note-menu";
  const toggle = btn("⋯", () => setMenu(view.menu === key ? null : key, true), `${key}-more`);
  toggle.classList.add("note-menu__toggle");
  toggle.setAttribute("aria-label", t("Meer acties"));
  toggle.setAttribute("aria-expanded", String(view.menu === key));
  const panel = document.createElement("div");
  panel.className = "note-menu__panel";
  panel.id = `${key}-menu`;
  panel.hidden = view.menu !== key;
  toggle.setAttribute("aria-controls", panel.id);
  if (view.menu === key) fillMenu(panel, buttons);
  wrap.append(toggle, panel);
  wrap.addEventListener("keydown", (e) => {
    if (view.menu !== key) return;
    if (e.key === "Escape") { e.preventDefault(); e.stopPropagation(); setMenu(null); toggle.focus(); return; }
    const items = [...panel.querySelectorAll("button")];
    const at = items.indexOf(document.activeElement);
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    (items[(to + items.length) % items.length] || toggle).focus();
  });
  return wrap;
}

const menus = new Map(); // menu key → the function that builds its buttons (of the card drawn last)
// After an item ran, the menu closes and the focus goes back to its "⋯".
function fillMenu(panel, buttons) {
  const items = buttons();
  const toggle = panel.previousElementSibling;
  for (const b of items) b.addEventListener("click", () => { setMenu(null); if (toggle.isConnected) toggle.focus(); });
  panel.append(...items);
}

// Opening or closing a menu toggles the panels in place (no redraw); `focusFirst`
// puts the focus on its first item, as a keyboard user expects from a menu button.
function setMenu(key, focusFirst = false) {
  view.menu = key;
  for (const toggle of els.notes.querySelectorAll(".note-menu__toggle")) {
    const open = toggle.dataset.key === `${key}-more`;
    toggle.setAttribute("aria-expanded", String(open));
    const panel = toggle.nextElementSibling;
    if (open && !panel.childElementCount) fillMenu(panel, menus.get(key));
    if (!open) panel.replaceChildren();
    panel.hidden = !open;
    if (open && focusFirst) {
      const first = toggle.nextElementSibling.querySelector("button");
      if (first) first.focus();
    }
  }
}
document.addEventListener("click", (e) => {
  if (view.menu && !e.target.closest(".note-menu")) setMenu(null);
});

// The keyboard way to group: "Plak bij…" another note or group, chosen in the page's one
// picker dialog, built from the notes as they are when it opens. Groups come first.
async function chooseStackTarget(note) {
  const notes = state.notes.forActivity(note.activity_id);
  const groups = state.groups.filter((g) => g.activity_id === note.activity_id);
  const options = [];
  for (const item of itemsOf(notes, groups)) {
    if (item.group && item.group.id !== note.group_id) {
      options.push({
        label: t("Groep: %(name)s (%(count)s)", { name: item.group.name || t("stapel"), count: plural(item.notes.length, t("post-it"), t("post-its")) }),
        payload: { group_id: item.group.id },
      });
    } else if (item.note && item.note.id !== note.id && !item.note.hidden && !item.note.sealed) {
      options.push({ label: t("Bij: %(text)s", { text: item.note.text }), payload: { target_note_id: item.note.id } });
    }
  }
  const choice = await pick({ title: t("Plakken bij…"), subject: note.text, options });
  if (choice) send("note:stack", { note_id: note.id, ...choice.payload });
}

function dropTarget(el, onDrop) {
  el.addEventListener("dragover", (e) => { if (e.dataTransfer.types.includes("text/x-note")) { e.preventDefault(); el.classList.add("is-drop"); } });
  el.addEventListener("dragleave", () => el.classList.remove("is-drop"));
  el.addEventListener("drop", (e) => {
    e.preventDefault();
    e.stopPropagation();
    el.classList.remove("is-drop");
    const noteId = Number(e.dataTransfer.getData("text/x-note"));
    if (noteId) onDrop(noteId);
  });
}

// Dragging on a long list: near the top or bottom edge of the window the page scrolls
// (faster the closer to the edge), so a note from the bottom reaches a group at the top.
const EDGE = 80;
const MAX_SPEED = 1.5; // px per ms at the very edge: a 3,000 px page in about two seconds
let dragY = null; // where the pointer is during a drag; null when no drag is going on
let scrolling = 0;
let lastFrame = 0;
// Runs every frame while a drag is going on: also before the first dragover, which may
// come after the first frame (stopping then would leave the page without scrolling).
// Time-based, not per frame: a busy laptop that draws fewer frames scrolls as fast; but at
// most 100 ms a frame, so a stalled frame never jumps the page past what the pointer aims at.
function autoScroll(now) {
  const dt = lastFrame ? Math.min(now - lastFrame, 100) : 16;
  lastFrame = now;
  scrolling = 0;
  if (!dragging) return;
  const y = dragY == null ? innerHeight / 2 : dragY;
  const depth = y < EDGE ? y - EDGE : y > innerHeight - EDGE ? y - (innerHeight - EDGE) : 0;
  const speed = Math.max(-1, Math.min(1, depth / EDGE)) * MAX_SPEED;
  if (speed) window.scrollBy(0, Math.round(speed * dt));
  scrolling = requestAnimationFrame(autoScroll);
}
let dragging = false;
function dragOn() {
  dragging = true;
  if (!scrolling) { lastFrame = 0; scrolling = requestAnimationFrame(autoScroll); }
}
function dragOff() {
  dragging = false;
  dragY = null;
  cancelAnimationFrame(scrolling);
  scrolling = 0;
}
// Capture phase: the cards stop these events from bubbling, and a dropped card may be gone.
document.addEventListener("dragstart", dragOn, true);
document.addEventListener("dragover", (e) => { dragY = e.clientY; dragOn(); }, true);
for (const type of ["dragend", "drop"]) document.addEventListener(type, dragOff, true);
// No mouse moves reach the page during a drag: one that does means the drag is over, also
// when its dragend went to a card that a redraw had already replaced.
document.addEventListener("mousemove", () => { if (dragging) dragOff(); }, true);

function dots(count) {
  const badge = document.createElement("span");
  badge.className = "dots";
  badge.textContent = plural(count, t("stem"), t("stemmen"));
  return badge;
}

// `key` (data-key) lets keepFocus find the button again when its card is redrawn.
function btn(label, onClick, key) {
  const b = document.createElement("button");
  b.type = "button"; b.className = "small"; b.textContent = label;
  if (key) b.dataset.key = key;
  b.addEventListener("click", onClick);
  return b;
}

function step(delta) {
  const index = state.activities.findIndex((a) => a.id === state.current);
  const target = state.activities[index + delta];
  if (target) send("activity:goto", { activity_id: target.id });
}

// The round ("rondje"): step through notes, groups or people, one at a time on the board.
function spotStep(delta) {
  const activity = current();
  if (!activity) return;
  const notes = state.notes.forActivity(activity.id).filter((n) => !n.hidden && !n.sealed);
  const kind = $("spot-kind").value;
  let targets;
  if (kind === "group") {
    targets = state.groups
      .filter((g) => g.activity_id === activity.id && notes.some((n) => n.group_id === g.id))
      .map((g) => ({ key: g.id, payload: { group_id: g.id }, current: (s) => s.group_id }));
  } else if (kind === "person") {
    if (activity.anonymous) { els.error.textContent = t("Zet eerst de namen aan voor een rondje langs personen."); return; }
    const people = [...new Set(notes.map((n) => n.author_id).filter((id) => id != null))];
    targets = people.map((id) => ({
      key: id, payload: { activity_id: activity.id, participant_id: id }, current: (s) => s.participant_id,
    }));
  } else {
    targets = notes.map((n) => ({ key: n.id, payload: { note_id: n.id }, current: (s) => s.note_id }));
  }
  if (!targets.length) { els.error.textContent = t("Er is nog niets om langs te gaan."); return; }
  const at = state.spotlight ? targets.findIndex((t) => t.current(state.spotlight) === t.key) : -1;
  send("spotlight:set", targets[(at + delta + targets.length) % targets.length].payload);
}

timerEls.start.addEventListener("click", () => {
  const minutes = Number(timerEls.minutes.value);
  if (!(minutes >= 1 && minutes <= 240)) { els.error.textContent = t("Kies 1 tot 240 minuten."); return; }
  timer("start", { seconds: Math.round(minutes * 60) });
});
timerEls.pause.addEventListener("click", () => {
  const t = current() && current().timer;
  timer(t && t.state === "paused" ? "resume" : "pause");
});
timerEls.add.addEventListener("click", () => timer("add", { seconds: 60 }));
timerEls.stop.addEventListener("click", () => timer("stop"));
for (const [input, key] of [
  [els.perPerson, "votes_per_participant"], [els.perItem, "max_votes_per_item"], [els.notesLimit, "notes_per_participant"],
]) {
  input.addEventListener("change", () => {
    const activity = current();
    if (activity) send("activity:update", { activity_id: activity.id, [key]: Number(input.value) });
  });
}
els.locked.addEventListener("change", () => {
  const activity = current();
  if (activity) send("activity:lock", { activity_id: activity.id, locked: els.locked.checked });
});
els.showNames.addEventListener("change", () => {
  const activity = current();
  if (activity) send("activity:update", { activity_id: activity.id, anonymous: !els.showNames.checked });
});
$("clock-start").addEventListener("click", () => {
  if (started(state.activities) && !confirm(t("De klok op nu zetten? De gemeten tijd per onderdeel begint opnieuw."))) return;
  send("session:update", { clock: "start" });
});
els.prev.addEventListener("click", () => step(-1));
els.next.addEventListener("click", () => step(1));
els.spotNext.addEventListener("click", () => spotStep(1));
els.spotPrev.addEventListener("click", () => spotStep(-1));
els.spotOff.addEventListener("click", () => send("spotlight:set", { note_id: null }));
// The round's buttons name what they step through, so they never read like the agenda's.
const SPOT_LABELS = {
  note: [t("◀ Vorige post-it"), t("Volgende post-it ▶")],
  group: [t("◀ Vorige groep"), t("Volgende groep ▶")],
  person: [t("◀ Vorige persoon"), t("Volgende persoon ▶")],
};
function labelSpotButtons() {
  [els.spotPrev.textContent, els.spotNext.textContent] = SPOT_LABELS[$("spot-kind").value] || SPOT_LABELS.note;
}
$("spot-kind").addEventListener("change", labelSpotButtons);
labelSpotButtons();
els.form.addEventListener("submit", (e) => {
  e.preventDefault();
  const activity = current();
  if (activity) {
    send("activity:update", {
      activity_id: activity.id, title: els.editTitle.value, prompt: els.editPrompt.value, body: els.editBody.value,
      minutes: els.editMinutes.value ? Number(els.editMinutes.value) : null,
    });
  }
});
els.del.addEventListener("click", async () => {
  if (!confirm(t("Weet je het zeker? Alle post-its, deelnemers en verslagen van deze bijeenkomst worden verwijderd."))) return;
  const res = await fetch(`/api/sessions/${code}`, { method: "DELETE" });
  if (res.ok) location.assign("/");
  else els.error.textContent = (await res.json()).error || t("Verwijderen lukte niet.");
});

// Photos of the paper flip-over of the current item (static/js/photos.js).
const renderPhotos = setUpPhotos(
  { section: $("photos-section"), input: $("photo-input"), add: $("photo-add"), list: $("photo-list"), status: $("photo-status") },
  {
    code, current, photos: (id) => state.photos[id] || [], spotlight: () => state.spotlight, send,
    error: (text) => { els.error.textContent = text; },
  },
);

function applyState(s) {
  state.activities = s.activities;
  state.duration = s.duration_minutes;
  state.current = s.current_activity_id;
  state.forms = s.workforms;
  state.notes.reset(s.notes);
  state.groups = s.groups || [];
  state.spotlight = s.spotlight;
  state.photos = s.photos || {};
  applyGoals(state, s);
  renderCarried(s.carried || {});
  state.meetingGoals = s.meeting_goals || [];
  state.preparation = s.preparation || [];
  state.ticked = s.preparation_ticked || [];
  // Folded away once everything is ticked off; open while something is left.
  $("preparation-details").open = state.preparation.some((item) => !state.ticked.includes(item.key));
  renderMeeting();
  showEnded(s.ended);
  renderFunctions(s);
  render();
}

// Who joined with which function (issue 21): counts in the header, each person in its
// tooltip. Only the facilitator's state and presence carry them; never the board's.
const functionLabels = new Map(JSON.parse($("functions").dataset.labels || "[]").map((f) => [f.key, f.label]));
// The join state brings the whole list; each `presence` after it brings only the person who
// joined (sized to the change), so the page keeps the list itself.
const roomPeople = new Map();
// A regional meeting's 500 phones join within seconds, a `presence` each: the list is kept
// per message, the header and its tooltip (a walk over everyone) drawn once per frame.
let presenceShown = 0;
let room = { online: 0, counts: {} };
function renderFunctions({ online, functions: counts = {}, participant_list: list, participant }) {
  if (list) { roomPeople.clear(); list.forEach((p) => roomPeople.set(p.id, p)); }
  if (participant) roomPeople.set(participant.id, participant);
  room = { online, counts };
  if (!presenceShown) presenceShown = requestAnimationFrame(drawFunctions);
}

function drawFunctions() {
  presenceShown = 0;
  const { online, counts } = room;
  setText(els.presence, t("%(count)s online", { count: plural(online, t("deelnemer"), t("deelnemers")) }));
  const box = $("functions");
  const parts = Object.entries(counts).map(([key, n]) => `${functionLabels.get(key) || key} ${n}`);
  setProp(box, "hidden", !parts.length);
  setText(box, parts.length ? ` · ${t("Functies")}: ${parts.join(", ")}` : "");
  setProp(box, "title", [...roomPeople.values()].filter((p) => p.function)
    .map((p) => `${p.name || "—"}: ${functionLabels.get(p.function) || p.function}`).join("\n"));
}

// Ending the meeting puts "bedankt" on every phone and the board; it can be reopened.
const endButton = $("end-meeting");
function showEnded(ended) {
  state.ended = Boolean(ended);
  endButton.setAttribute("aria-pressed", String(state.ended));
  endButton.textContent = state.ended ? t("Bijeenkomst heropenen") : t("Bijeenkomst afsluiten");
}
// A full board pages ("pagina 1 van 3"); the facilitator turns it from here.
$("board-page-prev").addEventListener("click", () => send("board:page", { step: -1 }));
$("board-page-next").addEventListener("click", () => send("board:page", { step: 1 }));
endButton.addEventListener("click", async () => {
  const ack = await send("session:update", { ended: !state.ended });
  if (ack.ok) showEnded(ack.ended);
});

socket = connect({
  joinPayload: () => ({ code, role: "facilitator" }),
  onJoined: (ack) => applyState(ack.state),
  onRefused: (error) => { els.error.textContent = error; },
  handlers: {
    "session:changed": (msg) => { if ("ended" in msg) showEnded(msg.ended); },
    "note:added": ({ note }) => { state.notes.put(note); renderSoon(); },
    "note:updated": ({ note }) => { state.notes.put(note); renderSoon(); },
    "note:deleted": ({ id }) => { state.notes.remove(id); renderSoon(); },
    "notes:sync": (msg) => { applyNotesSync(state, msg); renderSoon(); },
    "votes:progress": (msg) => { applyVotesProgress(state, msg); renderSoon(); },
    "activity:changed": (msg) => {
      const was = state.current;
      if (!applyActivityChanged(state, msg)) { location.reload(); return; }
      if (state.current !== was) busy = false; // another laptop moved on: the new item may be small
      renderSoon();
    },
    "activity:updated": (msg) => { applyActivityUpdated(state, msg); renderSoon(); },
    "timer:changed": (msg) => { applyTimerChanged(state, msg); renderSoon(); },
    "spotlight:changed": ({ spotlight }) => { state.spotlight = spotlight; renderSoon(); },
    "photos:changed": ({ activity_id: id, photos }) => { state.photos[id] = photos; renderSoon(); },
    "goals:changed": (msg) => { applyGoals(state, msg); renderSoon(); },
    "preparation:changed": ({ ticked }) => { state.ticked = ticked; renderMeeting(); },
    presence: renderFunctions,
    "session:deleted": () => location.assign("/"),
  },
});

// The session language: board, phones (unless they chose their own) and the PDF follow.
document.getElementById("session-language").addEventListener("change", (e) => send("session:update", { language: e.target.value }));
