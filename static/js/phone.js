// The phone: join with an optional name, see the current prompt, post and
// manage your own post-its. Nothing typed is lost: drafts and unsent notes
// live in localStorage until the server has acknowledged them (the server
// stores a client_id once, so resending is always safe).
//
// Work format phone modules (workforms/<slug>/static/phone.js) export
//   render(area, view)  draws the format's own part above the composer
//   noteData(view)      optional: {data} sent with the next note, or {error} to block it
// where view = {activity, meta, me, mine, goals, ambition, request(event, payload),
// showError(message), refresh(), noteElement, composer, text}. render() runs after
// every change of the activity, so it redraws from view each time: into a fresh element,
// unless the module exports `persistent = true` (then it gets the same element again and
// should leave the DOM alone when nothing it shows has changed).

import { applyActivityChanged, applyActivityUpdated, applyTimerChanged, currentActivity } from "./agenda.js";
import { connect, request } from "./connection.js";
import { NoteStore, noteElement } from "./notes.js";
import { BoardList } from "./phone-board.js";
import { applyGoals, loadModule } from "./plugins.js";
import { Countdown } from "./timer.js";
import { forgetSession } from "./forget.js";
import { chooseLanguage, t } from "./i18n.js";

const MAX = 280;
const code = document.body.dataset.code;
const key = (name) => `flipover:${code}:${name}`;
const $ = (id) => document.getElementById(id);
const els = {
  prompt: $("prompt"), joinView: $("join-view"), joinForm: $("join-form"), name: $("name"), function: $("function"), joinError: $("join-error"),
  workView: $("work-view"), goneView: $("gone-view"), endView: $("end-view"), area: $("activity-area"), composer: $("composer"),
  categories: $("categories"), text: $("note-text"), hint: $("note-hint"), count: $("note-count"),
  error: $("composer-error"), post: $("post-button"), closed: $("closed-info"), mine: $("mine"), mineH: $("mine-h"),
};

const countdown = new Countdown($("timer"), {
  onEnd: () => { if (navigator.vibrate) navigator.vibrate([120, 80, 120]); announce(t("Tijd is om!")); },
});
const state = {
  activities: [], current: null, forms: {}, notes: new NoteStore(), me: null, joined: false, goals: [], ambition: "",
};
let socket = null;
let flushing = false;
let stackTarget = null; // the note a new post-it will be stuck onto
const board = new BoardList(() => socket, (m) => showError(m));

// Screen readers hear a stored note and the timer's end (the list itself is redrawn too often to be live).
function announce(message) {
  const region = $("announce");
  region.textContent = "";
  requestAnimationFrame(() => { region.textContent = message; });
}

// --- storage helpers ------------------------------------------------------------
const load = (name, fallback) => {
  try { const v = localStorage.getItem(key(name)); return v === null ? fallback : JSON.parse(v); } catch { return fallback; }
};
const save = (name, value) => { try { localStorage.setItem(key(name), JSON.stringify(value)); } catch { /* private mode */ } };
const drop = (name) => { try { localStorage.removeItem(key(name)); } catch { /* ignore */ } };

function uuid() {
  // crypto.randomUUID needs a secure context; a laptop on the LAN serves plain http.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const outbox = () => load("outbox", []);
const setOutbox = (items) => save("outbox", items);

// --- rendering -------------------------------------------------------------------
function current() { return currentActivity(state); }
function activityById(id) { return state.activities.find((a) => a.id === id) || null; }
function metaOf(activity) { return (activity && state.forms[activity.workform]) || { categories: [], note_actions: [], phases: [] }; }
function postingOpen(activity) {
  const meta = metaOf(activity);
  if (!meta.accepts_notes || activity.locked) return false;
  const phase = meta.phases.find((p) => p.slug === activity.phase);
  return !phase || phase.posting;
}

function renderActivity() {
  const activity = current();
  if (!activity) return;
  const meta = metaOf(activity);
  els.prompt.textContent = activity.prompt || activity.title;
  countdown.set(activity.timer);
  const kept = els.area.querySelector(":scope > .plugin-area");
  els.area.replaceChildren();
  if (!meta.accepts_notes && activity.body) {
    const p = document.createElement("p");
    p.className = "card";
    p.style.whiteSpace = "pre-wrap";
    p.textContent = activity.body;
    els.area.append(p);
  }
  const open = postingOpen(activity);
  els.composer.hidden = !open;
  els.closed.hidden = open;
  if (!open) {
    els.closed.textContent = activity.locked
      ? t("De begeleider heeft dit onderdeel even op slot gezet.")
      : meta.accepts_notes
      ? t("Plakken is gesloten. Kijk mee op het scherm.")
      : t("Kijk mee op het scherm. Je telefoon volgt vanzelf.");
  }
  const phase = meta.phases.find((p) => p.slug === activity.phase);
  const privatePhase = Boolean(phase && phase.private);
  $("private-info").hidden = !(open && privatePhase);
  $("stack-open").hidden = !open || privatePhase || meta.stacking === false;
  if (!open || privatePhase) setStackTarget(null);
  if (activity.phase === "stemmen" && !activity.locked && meta.accepts_notes) {
    els.closed.textContent = t("Stemronde: kies wat jij het belangrijkst vindt.");
    board.showForVoting(activity, meta);
  } else if (board.mode === "vote" || !open) board.hide();
  renderCategories(meta);
  renderPlugin(activity, meta, kept && kept.dataset.activity === String(activity.id) ? kept : null);
  els.hint.textContent = meta.composer_hint || "";
  els.text.value = load(`draft:${activity.id}`, "");
  updateCount();
  renderMine();
  if (!meta.phone_js) markRendered(activity);
}

// For tests and tools: which activity and phase the page shows, once drawn.
function markRendered(activity) { document.body.dataset.rendered = `${activity.id}:${activity.phase}`; }

function pluginView(activity, meta) {
  return {
    activity, meta, me: state.me, mine: state.notes.forActivity(activity.id), goals: state.goals,
    ambition: state.ambition, request: (event, payload) => request(socket, event, payload), showError,
    refresh: renderActivity, noteElement, composer: els.composer, text: els.text,
  };
}

// The work format's own part of the phone, drawn into its own box so a late
// module load never wipes what the shell drew.
function renderPlugin(activity, meta, kept) {
  if (!meta.phone_js) return;
  let box = document.createElement("div");
  box.className = "plugin-area";
  box.dataset.activity = String(activity.id);
  els.area.append(box);
  loadModule(meta.phone_js).then(async (mod) => {
    // A module that redraws only what changed (`export const persistent = true`) gets its own
    // element back, so a tap in progress survives an update caused by someone else.
    if (mod && mod.persistent && kept && box.isConnected) { box.replaceWith(kept); box = kept; }
    if (mod && mod.render && box.isConnected && current() && current().id === activity.id) await mod.render(box, pluginView(activity, meta));
    if (box.isConnected) markRendered(activity);
  });
}

function renderCategories(meta) {
  els.categories.replaceChildren();
  els.categories.hidden = meta.categories.length < 2;
  const chosen = load("category", null);
  meta.categories.forEach((c, i) => {
    const label = document.createElement("label");
    label.className = `note--${c.colour}`;
    const input = document.createElement("input");
    input.type = "radio"; input.name = "category"; input.value = c.slug;
    input.checked = chosen ? chosen === c.slug : i === 0;
    input.addEventListener("change", () => save("category", c.slug));
    label.append(input, document.createTextNode(c.label));
    els.categories.append(label);
  });
}

function renderMine() {
  const activity = current();
  els.mine.replaceChildren();
  if (!activity) return;
  const meta = metaOf(activity);
  const open = postingOpen(activity);
  const mine = state.notes.forActivity(activity.id);
  // The broadcast of a stored note can beat its ack: never show it twice.
  const stored = new Set(mine.map((n) => n.client_id).filter(Boolean));
  // Refused notes stay until their writer decides (whatever agenda item they were for).
  const refused = outbox().filter((p) => p.refused);
  for (const p of refused) els.mine.append(refusedNote(p, metaOf(activityById(p.activity_id) || activity)));
  const pending = outbox().filter((p) => !p.refused && p.activity_id === activity.id && !stored.has(p.client_id));
  for (const p of pending) {
    const li = noteElement({ id: p.client_id, text: p.text, category: p.category, data: p.data || {} }, meta, { tag: "li", showAuthor: false });
    const wait = document.createElement("span");
    wait.className = "pending";
    // On its way now, or waiting for Wi-Fi: say which (a note in flight is not "waiting").
    wait.textContent = socket && socket.connected ? t("Wordt verstuurd…") : t("Wacht op verbinding… wordt vanzelf verstuurd");
    li.append(wait);
    els.mine.append(li);
  }
  const phase = meta.phases.find((p) => p.slug === activity.phase);
  const privatePhase = Boolean(phase && phase.private);
  for (const note of mine.slice().reverse()) {
    // Sealed follows the phase on screen, so a reveal shows here without a resend.
    const shown = { ...note, sealed: privatePhase && !note.revealed };
    const li = noteElement(shown, meta, { tag: "li", showAuthor: false });
    if (open) li.append(noteActions(shown, li));
    els.mine.append(li);
  }
  els.mineH.hidden = !(refused.length || pending.length || mine.length);
  // One situation each (trots, H:L2013): once this person's notes reach the item's limit,
  // the composer makes way for a line saying so; the notes below stay editable.
  const full = open && meta.accepts_notes && mine.length + pending.length >= (activity.notes_limit || Infinity);
  if (open) {
    els.composer.hidden = full;
    els.closed.hidden = !full;
    els.closed.textContent = !full ? "" : activity.notes_limit === 1
      ? t("Je post-it staat erop. Je kunt hem hieronder nog aanpassen.")
      : t("Je %(num)s post-its staan erop, het maximum. Je kunt ze hieronder nog aanpassen.", { num: activity.notes_limit });
  }
}

/** A note the server refused after it waited in the outbox (e.g. posting closed while the
 * phone was offline): shown with the reason until its writer sends it again, takes the
 * text back into the composer, or throws it away. Never dropped silently. */
function refusedNote(item, meta) {
  const li = noteElement({ id: item.client_id, text: item.text, category: item.category, data: item.data || {} }, meta, { tag: "li", showAuthor: false });
  li.classList.add("note--refused");
  const why = document.createElement("p");
  why.className = "refused";
  why.textContent = t("Niet geplakt: %(reason)s", { reason: item.refused });
  const bar = document.createElement("div");
  bar.className = "note__actions";
  const again = button(t("Opnieuw versturen"), () => {
    setOutbox(outbox().map((p) => (p.client_id === item.client_id ? { ...p, refused: undefined } : p)));
    renderMine();
    flushOutbox();
  });
  again.classList.add("primary");
  const back = button(t("Terug naar invoerveld"), () => {
    if (els.text.value.trim() && !confirm(t("Je tekst in het invoerveld vervangen door deze post-it?"))) return;
    els.text.value = item.text;
    setOutbox(outbox().filter((p) => p.client_id !== item.client_id));
    renderMine();
    updateCount();
    els.text.focus();
  });
  const away = button(t("Weggooien"), () => {
    if (!confirm(t("Deze post-it weggooien?"))) return;
    setOutbox(outbox().filter((p) => p.client_id !== item.client_id));
    renderMine();
  });
  bar.append(again, back, away);
  li.append(why, bar);
  return li;
}

function noteActions(note, li) {
  const bar = document.createElement("div");
  bar.className = "note__actions";
  if (note.sealed) {
    const stick = button(t("Op het bord plakken"), async () => {
      const ack = await request(socket, "note:reveal", { note_id: note.id });
      if (ack.ok) { state.notes.put(ack.note); renderMine(); } else showError(ack.error);
    });
    stick.classList.add("primary");
    bar.append(stick);
  }
  const edit = button(t("Bewerken"), () => startEdit(note, li));
  const del = button(t("Verwijderen"), async () => {
    if (!confirm(t("Deze post-it verwijderen?"))) return;
    const ack = await request(socket, "note:delete", { note_id: note.id });
    if (ack.ok) { state.notes.remove(note.id); renderMine(); } else showError(ack.error);
  });
  bar.append(edit, del);
  return bar;
}

function startEdit(note, li) {
  const area = document.createElement("textarea");
  area.value = note.text;
  area.setAttribute("aria-label", t("Post-it bewerken"));
  const saveBtn = button(t("Opslaan"), async () => {
    const ack = await request(socket, "note:update", { note_id: note.id, text: area.value });
    if (ack.ok) { state.notes.put(ack.note); renderMine(); } else showError(ack.error);
  });
  saveBtn.classList.add("primary");
  const cancel = button(t("Annuleren"), renderMine);
  const bar = document.createElement("div");
  bar.className = "note__actions";
  bar.append(saveBtn, cancel);
  li.replaceChildren(area, bar);
  area.focus();
}

function button(label, onClick) {
  const b = document.createElement("button");
  b.type = "button"; b.className = "small"; b.textContent = label;
  b.addEventListener("click", onClick);
  return b;
}

function showError(message) { els.error.textContent = message || ""; }

function updateCount() {
  const n = els.text.value.trim().length;
  els.count.textContent = `${n} / ${MAX}`;
  const over = n > MAX;
  els.count.classList.toggle("over", over);
  els.post.disabled = over;
  if (over) showError(t("Je post-it is te lang: maximaal %(max)s tekens. Haal er %(over)s weg.", { max: MAX, over: n - MAX }));
  else if (els.error.dataset.tooLong) showError("");
  els.error.dataset.tooLong = over ? "1" : "";
}

// --- posting -----------------------------------------------------------------------
async function flushOutbox() {
  if (flushing || !socket || !state.joined) return;
  flushing = true;
  try {
    for (const item of outbox().filter((p) => !p.refused)) {
      const { refused: _, ...payload } = item;
      const ack = await request(socket, "note:add", payload);
      if (ack.timeout) break; // still offline: keep everything, retry on reconnect
      if (ack.ok) {
        setOutbox(outbox().filter((p) => p.client_id !== item.client_id));
        state.notes.put(ack.note);
        announce(t("Post-it opgeslagen: %(text)s", { text: ack.note.text }));
      } else {
        // Refused (e.g. plakken closed meanwhile): keep it, with the reason, for its writer.
        setOutbox(outbox().map((p) => (p.client_id === item.client_id ? { ...p, refused: ack.error || t("geweigerd") } : p)));
        showError(ack.error);
      }
    }
  } finally {
    flushing = false;
    renderMine();
    updateCount();
  }
}

els.composer.addEventListener("submit", async (e) => {
  e.preventDefault();
  const activity = current();
  const text = els.text.value.trim();
  if (!activity) return;
  if (!text) { showError(t("Je post-it is leeg. Schrijf eerst iets op.")); return; }
  if (text.length > MAX) return updateCount();
  const checked = els.categories.querySelector("input:checked");
  const item = { activity_id: activity.id, client_id: uuid(), text, category: checked ? checked.value : undefined };
  const meta = metaOf(activity);
  const mod = meta.phone_js ? await loadModule(meta.phone_js) : null;
  if (mod && mod.noteData) {
    const extra = mod.noteData(pluginView(activity, meta)) || {};
    if (extra.error) { showError(extra.error); return; }
    if (extra.data) item.data = extra.data;
  }
  if (stackTarget) item.stack_on = stackTarget.id;
  setStackTarget(null);
  setOutbox([...outbox(), item]);
  els.text.value = "";
  drop(`draft:${activity.id}`);
  showError("");
  updateCount();
  renderMine();
  flushOutbox();
  els.text.focus();
});

function setStackTarget(note) {
  stackTarget = note;
  $("stack-target").hidden = !note;
  $("stack-target-text").textContent = note ? note.text : "";
}

$("stack-open").addEventListener("click", () => {
  const activity = current();
  if (activity) board.showForStacking(activity, metaOf(activity), (note) => { setStackTarget(note); els.text.focus(); });
});
$("stack-cancel").addEventListener("click", () => setStackTarget(null));

els.text.addEventListener("input", () => {
  const activity = current();
  if (activity) save(`draft:${activity.id}`, els.text.value);
  updateCount();
});

// --- joining -----------------------------------------------------------------------
function applyState(s) {
  state.activities = s.activities;
  state.current = s.current_activity_id;
  state.forms = s.workforms;
  state.notes.reset(s.notes);
  applyGoals(state, s);
  renderActivity();
  showEnded(s.ended);
}

/** The facilitator ended the meeting: thank the room; reopening brings the work view back. */
function showEnded(ended) {
  if (!state.joined) return;
  els.endView.hidden = !ended;
  els.workView.hidden = Boolean(ended);
}

function start(name) {
  if (socket) return;
  socket = connect({
    joinPayload: () => ({
      code, role: "participant", token: load("token", null), name: load("name", ""), function: load("function", ""),
    }),
    onJoined: (ack) => {
      if (ack.token) save("token", ack.token);
      state.me = ack.me;
      state.joined = true;
      els.joinView.hidden = true;
      els.workView.hidden = false;
      applyState(ack.state);
      flushOutbox();
    },
    onRefused: (error) => {
      state.joined = false;
      els.joinView.hidden = false;
      els.workView.hidden = true;
      els.joinError.textContent = error;
    },
    handlers: {
      disconnect: () => { state.joined = false; },
      "note:added": ({ note }) => { if (note.mine) { state.notes.put(note); renderMine(); } },
      "note:updated": ({ note }) => { if (note.mine) { state.notes.put(note); renderMine(); } },
      "note:deleted": ({ id }) => { state.notes.remove(id); renderMine(); },
      "activity:changed": (msg) => {
        if (!applyActivityChanged(state, msg)) { socket.disconnect().connect(); return; } // re-join for its meta
        renderActivity();
      },
      "activity:updated": (msg) => { if (applyActivityUpdated(state, msg)) renderActivity(); },
      "timer:changed": (msg) => { if (applyTimerChanged(state, msg)) countdown.set(msg.timer); },
      "goals:changed": (msg) => { applyGoals(state, msg); renderActivity(); },
      "session:changed": (msg) => { if ("ended" in msg) showEnded(msg.ended); },
      "session:deleted": () => {
        forgetSession(code); // token, name, drafts and unsent notes: docs/privacy.md
        els.workView.hidden = true; els.joinView.hidden = true; els.endView.hidden = true; els.goneView.hidden = false;
        els.prompt.textContent = t("Afgesloten");
        socket.disconnect();
      },
    },
  });
  if (name !== undefined) save("name", name);
}

els.joinForm.addEventListener("submit", (e) => {
  e.preventDefault();
  els.joinError.textContent = "";
  save("name", els.name.value.trim());
  save("function", els.function.value); // kept, so a rejoin (reload, new tab) sends it again
  if (socket) socket.disconnect().connect(); else start(els.name.value.trim());
});
// The button works only from here: tapped while this script still loaded (a slow phone on
// busy Wi-Fi), the browser would submit the form itself and reload the page, name lost.
els.joinForm.querySelector("button[type=submit]").disabled = false;

// Returning phone (reload, locked screen, new tab): continue as the same person.
if (load("token", null)) start();
// A name typed while this script was still loading wins over the one kept from before.
else if (!els.name.value) els.name.value = load("name", "");
if (!els.function.value) els.function.value = load("function", "");

// This phone's own UI language (remembered on this device; the session's language otherwise).
$("phone-language").addEventListener("change", (e) => chooseLanguage(e.target.value));
