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
    const all = state.notes.forActivity(activity.id).filter((n) => !n.hidden);
    // Sealed notes (private writing) are counted here, never shown: the board has no text of them.
    const sealed = all.filter((n) => n.sealed);
    const notes = all.filter((n) => !n.sealed);
    els.count.textContent = meta.accepts_notes ? plural(all.length, "post-it", "post-its") : "";
    const view = { activity, meta, notes, fresh, spotlight: state.spotlight, noteElement, plural };
    const mod = await moduleFor(meta);
    const phase = (meta.phases || []).find((p) => p.slug === activity.phase);
    let target = els.work;
    if (phase && phase.private) {
      target = document.createElement("div");
      els.work.replaceChildren(writingPanel(meta, sealed), target);
    }
    // While writing, an empty board says so in the panel; the work format only draws stuck notes.
    if (!(phase && phase.private && !notes.length)) (mod && mod.render ? mod.render : defaultRender)(target, view);
    fresh.clear();
    renderSpotlight(meta);
  });
}

function writingPanel(meta, sealed) {
  const panel = document.createElement("section");
  panel.className = "writing";
  const title = document.createElement("p");
  title.className = "writing__title";
  title.textContent = "Iedereen schrijft voor zichzelf. De post-its verschijnen straks allemaal tegelijk.";
  const tiles = document.createElement("div");
  tiles.className = "writing__tiles";
  const cats = meta.categories.length ? meta.categories : [{ slug: null, label: "Post-its", colour: "geel" }];
  for (const cat of cats) {
    const count = sealed.filter((n) => cat.slug === null || n.category === cat.slug).length;
    const tile = document.createElement("div");
    tile.className = `note note--${cat.colour} writing__tile`;
    const number = document.createElement("span");
    number.className = "writing__count";
    number.textContent = String(count);
    const label = document.createElement("span");
    label.className = "note__label";
    label.textContent = `${cat.label}: geschreven`;
    tile.append(label, number);
    tiles.append(tile);
  }
  panel.append(title, tiles);
  return panel;
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
    "notes:sync": ({ activity_id, notes }) => { state.notes.replaceActivity(activity_id, notes); render(); },
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
