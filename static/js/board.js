// The board (projector). Joins read-only, renders the current agenda item
// through its work format's board module, keeps the join code in the corner.
//
// Work format board modules (workforms/<slug>/static/board.js) export
//   render(container, view)
// where view = {activity, meta, notes, fresh, spotlight, noteElement, plural}.
// The shell calls it after every change; notes are few, so a full re-render
// is simpler than diffing and fast enough.

import { applyActivityChanged, applyTimerChanged, currentActivity } from "./agenda.js";
import { connect } from "./connection.js";
import { NoteStore, noteElement, plural } from "./notes.js";
import { Countdown } from "./timer.js";

const code = document.body.dataset.code;
const els = {
  title: document.getElementById("activity-title"),
  prompt: document.getElementById("prompt"),
  count: document.getElementById("count"),
  work: document.getElementById("work"),
  joinbox: document.getElementById("joinbox"),
  joinUrl: document.getElementById("join-url"),
  presence: document.getElementById("presence"),
  spotlight: document.getElementById("spotlight"),
};

const countdown = new Countdown(document.getElementById("timer"));
const state = { activities: [], current: null, forms: {}, notes: new NoteStore(), spotlight: null, spotNote: null };
const fresh = new Set();
const modules = new Map();

async function moduleFor(meta) {
  if (!meta || !meta.board_js) return null;
  if (!modules.has(meta.board_js)) modules.set(meta.board_js, import(meta.board_js).catch(() => null));
  return modules.get(meta.board_js);
}

function defaultRender(container, view) {
  container.replaceChildren();
  if (!view.notes.length) {
    const empty = document.createElement("p");
    empty.className = "board__empty";
    empty.textContent = view.meta.accepts_notes ? "Nog geen post-its. Scan de QR-code en plak de eerste!" : "";
    container.append(empty);
    return;
  }
  const grid = document.createElement("div");
  grid.className = "board__grid";
  for (const n of view.notes) grid.append(view.noteElement(n, view.meta, { fresh: view.fresh.has(n.id) }));
  container.append(grid);
}

let renderQueued = false;
function render() {
  if (renderQueued) return;
  renderQueued = true;
  requestAnimationFrame(async () => {
    renderQueued = false;
    const activity = currentActivity(state);
    if (!activity) return;
    const meta = state.forms[activity.workform] || { categories: [], note_actions: [], accepts_notes: false };
    els.title.textContent = activity.title;
    countdown.set(activity.timer);
    els.prompt.textContent = activity.prompt || (meta.accepts_notes ? "" : activity.title);
    const notes = state.notes.forActivity(activity.id).filter((n) => !n.hidden);
    els.count.textContent = meta.accepts_notes ? plural(notes.length, "post-it", "post-its") : "";
    const view = { activity, meta, notes, fresh, spotlight: state.spotlight, noteElement, plural };
    const mod = await moduleFor(meta);
    (mod && mod.render ? mod.render : defaultRender)(els.work, view);
    fresh.clear();
    renderSpotlight(meta);
  });
}

function renderSpotlight(meta) {
  const note = state.spotNote;
  if (!note || !state.spotlight) { els.spotlight.hidden = true; els.spotlight.replaceChildren(); return; }
  const activity = state.activities.find((a) => a.id === note.activity_id);
  const noteMeta = (activity && state.forms[activity.workform]) || meta;
  els.spotlight.replaceChildren(noteElement(note, noteMeta));
  els.spotlight.hidden = false;
}

function applyState(s) {
  state.activities = s.activities;
  state.current = s.current_activity_id;
  state.forms = s.workforms;
  state.notes.reset(s.notes);
  state.spotlight = s.spotlight;
  state.spotNote = s.spotlight ? s.notes.find((n) => n.id === s.spotlight.note_id) || null : null;
  els.joinUrl.textContent = s.join_url;
  setPresence(s.participants, s.online);
  render();
}

function setPresence(total, online) {
  els.presence.textContent = `${plural(online, "deelnemer", "deelnemers")} online`;
  els.presence.title = `${total} in totaal`;
}

els.joinbox.addEventListener("click", () => {
  els.joinbox.classList.toggle("joinbox--large");
});
document.addEventListener("keydown", (e) => {
  if (e.key === "Escape") els.joinbox.classList.remove("joinbox--large");
});

connect({
  joinPayload: () => ({ code, role: "board" }),
  onJoined: (ack) => applyState(ack.state),
  onRefused: (error) => { els.prompt.textContent = error; },
  handlers: {
    "note:added": ({ note }) => { state.notes.put(note); fresh.add(note.id); render(); },
    "note:updated": ({ note }) => {
      state.notes.put(note);
      if (state.spotNote && state.spotNote.id === note.id) state.spotNote = note;
      render();
    },
    "note:deleted": ({ id }) => { state.notes.remove(id); render(); },
    "activity:changed": (msg) => {
      // A new agenda item may use a work format this page has no meta for yet.
      if (!applyActivityChanged(state, msg)) { location.reload(); return; }
      render();
    },
    "timer:changed": (msg) => { if (applyTimerChanged(state, msg)) countdown.set(msg.timer); },
    "spotlight:changed": ({ spotlight, note }) => { state.spotlight = spotlight; state.spotNote = note; render(); },
    presence: ({ participants, online }) => setPresence(participants, online),
    "session:deleted": () => {
      els.prompt.textContent = "Deze bijeenkomst is verwijderd.";
      els.work.replaceChildren();
    },
  },
});
