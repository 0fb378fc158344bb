// The board (projector). Joins read-only, renders the current agenda item
// through its work format's board module, keeps the join code in the corner.
//
// Work format board modules (workforms/<slug>/static/board.js) export
//   render(container, view)
// where view = {activity, meta, notes, groups, fresh, spotlight, noteElement,
// plural, layout}; `layout(container, notes)` draws notes as groups and loose
// notes with their dots (static/js/groups.js), which most boards want.
// plus `goals` and `ambition` (session goals, see app/goals.py), `opening` (this is
// the first item of the agenda) and `meetingGoals` (the template's "Doel" lines), and
// `activity.extra` (the work format's public state, Workform.extra_view).
// The shell calls it after every change and then fits the work area to the
// screen (static/js/fit.js): notes go on walls (`view.layout` makes one, or
// `wallElement()`), and the fitter sizes and pages them.

import {
  applyActivityChanged, applyActivityUpdated, applyNotesSync, applyTimerChanged, applyVotesProgress, currentActivity,
} from "./agenda.js";
import { connect } from "./connection.js";
import { BoardFit, fitText } from "./fit.js";
import { groupElement, itemsOf, layoutNotes } from "./groups.js";
import { NoteStore, noteElement, plural } from "./notes.js";
import { applyGoals, loadModule } from "./plugins.js";
import { Countdown } from "./timer.js";
import { t } from "./i18n.js";
import { onTick, serverNow } from "./clock.js";
import { minutesLeft } from "./meetingclock.js";
import { ready as hyphenationReady } from "./hyphenate.js";

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
  page: document.getElementById("page"),
  fullscreen: document.getElementById("fullscreen"),
  end: document.getElementById("end"),
};
const fitter = new BoardFit(els.work);

const countdown = new Countdown(document.getElementById("timer"));
const state = {
  activities: [], current: null, forms: {}, notes: new NoteStore(), groups: [], spotlight: null, spotNote: null, photos: {},
  goals: [], ambition: "",
};
const fresh = new Set();
const moduleFor = (meta) => loadModule(meta && meta.board_js);

function defaultRender(container, view) {
  container.replaceChildren();
  if (!view.notes.length) {
    const empty = document.createElement("p");
    empty.className = "board__empty";
    empty.textContent = view.meta.accepts_notes ? t("Nog geen post-its. Scan de QR-code en plak de eerste!") : "";
    container.append(empty);
    return;
  }
  view.layout(container, view.notes);
}

let renderQueued = false;
let fitted = null;

/** "pagina 1 van 3" in the header whenever the notes need more than one page; never silently hidden. */
function showPage({ pages, page }) {
  els.page.hidden = pages < 2;
  els.page.textContent = t("pagina %(page)s van %(pages)s", { page: page + 1, pages });
  document.body.dataset.pages = String(pages);
  document.body.dataset.page = String(page);
  document.body.dataset.settled = String(settled());
}

// Whether this fit is the last one: the work format's stylesheet, the font, the pictures and
// the soft hyphens have all arrived (each of them makes the board fit again when it does).
// Until then the pages can still change; tests and tools wait for body[data-settled=true].
let hyphensReady = false;
function settled() {
  return hyphensReady && document.fonts.status === "loaded"
    && [...document.querySelectorAll("link[rel=stylesheet]")].every((link) => link.sheet)
    && [...els.work.querySelectorAll("img")].every((img) => img.complete);
}

function turnPage(delta) {
  if (fitter.turn(delta)) showPage(fitter);
}

// Automatic page turn: the board opened as /b/<code>?wissel=20 turns to the next page every
// 20 seconds whenever its notes need more than one page (at least 3, at most 600 seconds).
// A page turned by hand (the facilitator's board:page, an arrow key) starts the wait again;
// an open spotlight or a hidden tab holds it. No setting on the server, no event of its own.
const autoSeconds = (() => {
  const value = Number(new URLSearchParams(location.search).get("wissel"));
  return Number.isFinite(value) && value > 0 ? Math.min(600, Math.max(3, value)) : 0;
})();
let autoTimer = null;
function restartAuto() {
  if (!autoSeconds) return;
  clearInterval(autoTimer);
  autoTimer = setInterval(() => {
    if (!document.hidden && els.spotlight.hidden) turnPage(1);
  }, autoSeconds * 1000);
}
if (autoSeconds) {
  document.body.dataset.autoPage = String(autoSeconds);
  els.page.title = t("Wisselt elke %(n)s seconden van pagina", { n: autoSeconds });
  restartAuto();
}
function turnByHand(delta) {
  turnPage(delta);
  restartAuto();
}

// "Nog 12 min voor dit onderdeel": the current item's planned minutes left on the meeting
// clock, while no timer runs (the timer says it better); nothing once the time is up.
const itemLeft = document.getElementById("item-left");
onTick(() => {
  const activity = currentActivity(state);
  const left = minutesLeft(activity, serverNow());
  const timer = activity && activity.timer;
  const timing = timer && (timer.state === "paused" || timer.ends_at > serverNow());
  const show = left !== null && left > 0 && !timing;
  const text = show ? t("nog %(num)s min voor dit onderdeel", { num: left }) : "";
  if (itemLeft.textContent !== text) itemLeft.textContent = text;
  itemLeft.hidden = !show;
});

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
    // A slide without a prompt shows its title once, in the title line.
    els.prompt.textContent = activity.prompt || "";
    // Sealed notes (private writing) never reach the board: the activity counts them
    // (activity.sealed, per category), the notes themselves come when they are revealed.
    const notes = state.notes.forActivity(activity.id).filter((n) => !n.hidden && !n.sealed);
    const sealed = activity.sealed || { total: 0, by_category: {} };
    const votes = activity.votes;
    els.count.textContent = !meta.accepts_notes
      ? ""
      : activity.phase === "stemmen"
        ? t("Stemmen: %(votes)s van %(voters)s", { votes: plural(votes ? votes.cast : 0, t("stem"), t("stemmen")), voters: plural(votes ? votes.voters : 0, t("deelnemer"), t("deelnemers")) })
        : plural(notes.length + sealed.total, ...(meta.note_nouns || [t("post-it"), t("post-its")]));
    const groups = state.groups.filter((g) => g.activity_id === activity.id);
    const view = {
      activity, meta, notes, groups, fresh, spotlight: state.spotlight, noteElement, plural,
      goals: state.goals, ambition: state.ambition,
      opening: state.activities.length > 0 && state.activities[0].id === activity.id, meetingGoals: state.meetingGoals,
    };
    view.layout = (container, subset, opts) => layoutNotes(container, view, subset, opts);
    // One kind of note: a label on each would only repeat the header and cost a line per note.
    els.work.dataset.oneKind = String((meta.categories || []).length <= 1);
    const mod = await moduleFor(meta);
    const phase = (meta.phases || []).find((p) => p.slug === activity.phase);
    let target = els.work;
    if (phase && phase.private) {
      target = document.createElement("div");
      target.className = "board__area";
      els.work.replaceChildren(writingPanel(meta, sealed), target);
    }
    // While writing, an empty board says so in the panel; the work format only draws stuck notes.
    if (!(phase && phase.private && !notes.length)) (mod && mod.render ? mod.render : defaultRender)(target, view);
    fresh.clear();
    if (fitted !== activity.id) {
      fitter.page = 0;
      restartAuto(); // a new agenda item shows its first page for the full wait
    }
    fitted = activity.id;
    showPage(fitter.fit());
    renderSpotlight(meta, await pluginSpotlight());
    document.body.dataset.rendered = `${activity.id}:${activity.phase}`; // for tests and tools
  });
}

// A board module may draw the spotlight of its own activity: its optional export
// spotlight(spot, {activity, meta, notes, spotNote}) returns an element, or null for the default.
async function pluginSpotlight() {
  const spot = state.spotlight;
  if (spot && spot.photo_id != null) return null;  // a photo of a paper flip-over is the core's
  const activity = spot && state.activities.find((a) => a.id === spot.activity_id);
  const meta = activity && state.forms[activity.workform];
  const mod = meta && (await moduleFor(meta));
  if (!mod || !mod.spotlight) return null;
  const notes = state.notes.forActivity(activity.id).filter((n) => !n.hidden && !n.sealed);
  return mod.spotlight(spot, { activity, meta, notes, spotNote: state.spotNote }) || null;
}

/** The writing panel of a private phase: per kind of note how many are written (`sealed`
 * is `activity.sealed`, `{total, by_category}`), never which. */
function writingPanel(meta, sealed) {
  const panel = document.createElement("section");
  panel.className = "writing";
  const title = document.createElement("p");
  title.className = "writing__title";
  title.textContent = t("Iedereen schrijft voor zichzelf. De post-its verschijnen straks allemaal tegelijk.");
  const tiles = document.createElement("div");
  tiles.className = "writing__tiles";
  const cats = meta.categories.length ? meta.categories : [{ slug: null, label: t("Post-its"), colour: "geel" }];
  for (const cat of cats) {
    const count = cat.slug === null ? sealed.total : sealed.by_category[cat.slug] || 0;
    const tile = document.createElement("div");
    tile.className = `note note--${cat.colour} writing__tile`;
    const number = document.createElement("span");
    number.className = "writing__count";
    number.textContent = String(count);
    const label = document.createElement("span");
    label.className = "note__label";
    label.textContent = t("%(label)s: geschreven", { label: cat.label });
    tile.append(label, number);
    tiles.append(tile);
  }
  panel.append(title, tiles);
  return panel;
}

function renderSpotlight(meta, custom = null) {
  const spot = state.spotlight;
  const shown = spot && (custom || spotlightContent(spot, meta));
  els.spotlight.hidden = !shown;
  els.spotlight.replaceChildren(...(shown ? [shown] : []));
  if (!shown || spot.photo_id != null) return;
  // The text grows or shrinks to fill the spotlight, so a long note is read whole.
  const box = { width: window.innerWidth * 0.85, height: window.innerHeight * 0.85 };
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
  shown.style.maxHeight = "none";
  fitText(shown, box, { min: 1.5 * rem, max: 5 * rem });
  shown.style.maxHeight = "";
}

// A photo of a paper flip-over, as large as the screen allows, with its caption.
function photoElement(spot) {
  const photo = (state.photos[spot.activity_id] || []).find((p) => p.id === spot.photo_id);
  if (!photo) return null;
  const figure = document.createElement("figure");
  figure.className = "board-photo";
  const img = document.createElement("img");
  img.src = photo.url;
  img.alt = t("Foto van de flip-over %(number)s", { number: photo.number });
  img.width = photo.width;
  img.height = photo.height;
  const caption = document.createElement("figcaption");
  caption.textContent = img.alt;
  figure.append(img, caption);
  return figure;
}

// One note, one group, one person's notes, or a photo of a paper flip-over, large.
function spotlightContent(spot, fallbackMeta) {
  if (spot.photo_id != null) return photoElement(spot);
  const activity = state.activities.find((a) => a.id === spot.activity_id);
  const meta = (activity && state.forms[activity.workform]) || fallbackMeta;
  if (spot.note_id != null) return state.spotNote ? noteElement(state.spotNote, meta) : null;
  const notes = state.notes.forActivity(spot.activity_id).filter((n) => !n.hidden && !n.sealed);
  if (spot.group_id != null) {
    const group = state.groups.find((g) => g.id === spot.group_id);
    const totals = (activity && activity.votes && activity.votes.totals) || null;
    const [item] = group ? itemsOf(notes, [group], totals).filter((i) => i.group) : [];
    return item ? groupElement(item, meta) : null;
  }
  const theirs = notes.filter((n) => n.author_id === spot.participant_id);
  if (!theirs.length) return null;
  const box = document.createElement("section");
  box.className = "group spotlight__person";
  const head = document.createElement("header");
  head.className = "group__head";
  head.textContent = theirs[0].author_name || t("Deelnemer");
  const body = document.createElement("div");
  body.className = "group__notes";
  for (const n of theirs) body.append(noteElement(n, meta, { showAuthor: false }));
  box.append(head, body);
  return box;
}

function applyState(s) {
  state.activities = s.activities;
  state.current = s.current_activity_id;
  state.forms = s.workforms;
  state.meetingGoals = s.meeting_goals || [];
  applyGoals(state, s);
  state.notes.reset(s.notes);
  state.groups = s.groups || [];
  state.spotlight = s.spotlight;
  state.photos = s.photos || {};
  state.spotNote = s.spotlight ? s.notes.find((n) => n.id === s.spotlight.note_id) || null : null;
  // Without the scheme the link fits on one line; phones type it as it is.
  els.joinUrl.textContent = s.join_url.replace(/^https?:\/\//, "");
  setPresence(s.participants, s.online);
  els.end.hidden = !s.ended;
  render();
}

function setPresence(total, online) {
  els.presence.textContent = t("%(count)s online", { count: plural(online, t("deelnemer"), t("deelnemers")) });
  els.presence.title = t("%(num)s in totaal", { num: total });
}

els.joinbox.addEventListener("click", (e) => {
  els.joinbox.classList.toggle("joinbox--large");
  // A mouse click leaves no focus ring on the projector; a keyboard user keeps focus.
  if (e.detail > 0) els.joinbox.blur();
});
document.addEventListener("keydown", (e) => {
  if (e.key === "Escape") els.joinbox.classList.remove("joinbox--large");
  if (e.target.closest && e.target.closest("input, textarea, select")) return;
  if (["ArrowRight", "PageDown"].includes(e.key)) turnByHand(1);
  if (["ArrowLeft", "PageUp"].includes(e.key)) turnByHand(-1);
});
els.fullscreen.addEventListener("click", () => {
  if (document.fullscreenElement) document.exitFullscreen();
  else document.documentElement.requestFullscreen().catch(() => {});
});
document.addEventListener("fullscreenchange", () => {
  els.fullscreen.textContent = document.fullscreenElement ? t("Volledig scherm uit") : t("Volledig scherm");
});
// Sizes change when a work format's stylesheet, the font or a picture arrives: fit again.
const refit = () => { if (els.work.childElementCount) showPage(fitter.fit()); };
document.addEventListener("flipover:styles", refit);
// Soft hyphens (static/js/hyphenate.js) change where long words break, so line counts too.
document.addEventListener("flipover:hyphenated", refit);
document.fonts.ready.then(refit);
hyphenationReady.catch(() => {}).then(() => { hyphensReady = true; refit(); });
els.work.addEventListener("load", refit, true);
// A resized window (projector plugged in, full screen) is a different wall.
let resizeTimer = null;
window.addEventListener("resize", () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(render, 120);
});

connect({
  joinPayload: () => ({ code, role: "board" }),
  onJoined: (ack) => applyState(ack.state),
  onRefused: (error) => { els.prompt.textContent = error; },
  handlers: {
    "goals:changed": (msg) => { applyGoals(state, msg); render(); },
    "note:added": ({ note }) => { state.notes.put(note); fresh.add(note.id); render(); },
    "note:updated": ({ note }) => {
      state.notes.put(note);
      if (state.spotNote && state.spotNote.id === note.id) state.spotNote = note;
      render();
    },
    "note:deleted": ({ id }) => { state.notes.remove(id); render(); },
    "notes:sync": (msg) => { applyNotesSync(state, msg); render(); },
    "votes:progress": (msg) => { applyVotesProgress(state, msg); render(); },
    "activity:changed": (msg) => {
      // A new agenda item may use a work format this page has no meta for yet.
      if (!applyActivityChanged(state, msg)) { location.reload(); return; }
      render();
    },
    "activity:updated": (msg) => { applyActivityUpdated(state, msg); render(); },
    "timer:changed": (msg) => { if (applyTimerChanged(state, msg)) countdown.set(msg.timer); },
    "spotlight:changed": ({ spotlight, note }) => { state.spotlight = spotlight; state.spotNote = note; render(); },
    "photos:changed": ({ activity_id: id, photos }) => { state.photos[id] = photos; render(); },
    presence: ({ participants, online }) => setPresence(participants, online),
    "session:changed": (msg) => { if ("ended" in msg) els.end.hidden = !msg.ended; },
    "board:page": ({ step }) => turnByHand(step),
    "session:deleted": () => {
      els.prompt.textContent = t("Deze bijeenkomst is verwijderd.");
      els.work.replaceChildren();
    },
  },
});
