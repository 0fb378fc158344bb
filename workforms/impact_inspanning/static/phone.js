// Phone for `impact-inspanning`: while scoring, every item gets two rows of
// quick taps (Impact 1–5, Inspanning 1–5) and "Overslaan". Your own scores come
// back from the server (`impact-inspanning:mine`), never anyone else's.
import { ensureStyle } from "./matrix-svg.js";
import { t } from "/static/js/i18n.js";

const mine = new Map(); // activity id → {ratings: {note_id: {impact, effort}}, loading}
const skipped = new Set(); // item ids skipped on this phone (until the next tap on them)
// Taps not sent yet: one request per item once both scores are tapped (or after a pause),
// so a phone rating many items quickly stays well inside the server's rate limit.
const pending = new Map(); // item id → {impact?, effort?}
const timers = new Map();
const PAUSE_MS = 2000;

// Every rating anywhere in the room changes activity.extra (means, counts) and so re-renders
// every phone: keep the element (see static/js/phone.js) and redraw only what this phone shows,
// so a tap in progress is not lost in a busy round.
export const persistent = true;

export function render(area, view) {
  ensureStyle();
  const activity = view.activity;
  const extra = activity.extra || {};
  const items = extra.items || [];
  const own0 = mine.get(activity.id);
  const signature = JSON.stringify([
    activity.id, activity.phase, items.map((i) => [i.id, i.number, i.text]),
    own0 ? [own0.loading, own0.ratings] : null, [...pending], [...skipped],
  ]);
  if (area.dataset.signature === signature && area.childElementCount) return;
  area.dataset.signature = signature;
  area.replaceChildren();
  if (activity.phase !== "scoren") {
    const p = document.createElement("p");
    p.className = "hint";
    p.textContent = activity.phase === "verzamelen"
      ? t("Schrijf oplossingsrichtingen op, één per post-it. Daarna krijgt elke post-it een plek in de matrix van impact en inspanning.")
      : t("Kijk mee op het scherm: %(n)s post-its in de matrix.", { n: items.length });
    area.append(p);
    return;
  }
  let own = mine.get(activity.id);
  if (!own) {
    own = { ratings: {}, loading: true };
    mine.set(activity.id, own);
    view.request("impact-inspanning:mine", { activity_id: activity.id }).then((ack) => {
      own.loading = false;
      if (ack.ok) { own.ratings = ack.ratings || {}; view.refresh(); } else view.showError(ack.error);
    });
  }
  const done = items.filter((i) => isDone(own.ratings[i.id])).length;
  const head = document.createElement("p");
  head.className = "ii-progress";
  head.textContent = items.length
    ? t("%(done)s van %(n)s post-its gescoord. 1 = laag, 5 = hoog.", { done, n: items.length })
    : t("Er zijn nog geen post-its om te scoren.");
  const list = document.createElement("div");
  list.className = "ii-rate";
  for (const item of items) list.append(card(item, own, view));
  area.append(head, list);
}

const isDone = (r) => Boolean(r && r.impact != null && r.effort != null);

function card(item, own, view) {
  const r = { ...(own.ratings[item.id] || {}), ...(pending.get(item.id) || {}) };
  const box = document.createElement("section");
  box.className = "ii-item";
  box.dataset.item = item.id;
  if (isDone(r)) box.classList.add("is-done");
  const title = document.createElement("p");
  title.className = "ii-item__text";
  title.textContent = `${item.number}. ${item.text}`;
  box.append(title);
  if (skipped.has(item.id) && !isDone(r)) {
    box.append(button(t("Toch scoren"), () => { skipped.delete(item.id); view.refresh(); }));
    return box;
  }
  box.append(scale(t("Impact"), "impact", item, r, own, view), scale(t("Inspanning"), "effort", item, r, own, view));
  const skip = button(t("Overslaan"), () => { skipped.add(item.id); view.refresh(); });
  skip.className = "small";
  box.append(skip);
  return box;
}

function scale(label, axis, item, r, own, view) {
  const row = document.createElement("div");
  row.className = "ii-scale";
  row.setAttribute("role", "group");
  row.setAttribute("aria-label", t("%(label)s van post-it %(number)s", { label, number: item.number }));
  const name = document.createElement("span");
  name.textContent = label;
  row.append(name);
  for (let v = 1; v <= 5; v += 1) {
    const b = button(String(v), () => {
      pending.set(item.id, { ...(pending.get(item.id) || {}), [axis]: v });
      const both = { ...(own.ratings[item.id] || {}), ...pending.get(item.id) };
      clearTimeout(timers.get(item.id));
      if (both.impact != null && both.effort != null) send(item.id, own, view);
      else timers.set(item.id, setTimeout(() => send(item.id, own, view), PAUSE_MS));
      view.refresh();
    });
    b.dataset.axis = axis;
    b.dataset.value = String(v);
    b.setAttribute("aria-pressed", String(r[axis] === v));
    row.append(b);
  }
  return row;
}

async function send(itemId, own, view) {
  clearTimeout(timers.get(itemId));
  const taps = pending.get(itemId);
  if (!taps) return;
  pending.delete(itemId);
  const ack = await view.request("impact-inspanning:rate", { activity_id: view.activity.id, note_id: itemId, ...taps });
  if (ack.ok) { own.ratings = ack.ratings || {}; view.showError(""); }
  else {
    // Keep the taps on screen and try again with the next tap.
    pending.set(itemId, { ...taps, ...(pending.get(itemId) || {}) });
    view.showError(ack.error);
  }
  view.refresh();
}

function button(label, onClick) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = label;
  b.addEventListener("click", onClick);
  return b;
}
