// Inputs that never lose what is typed, shared by the facilitator page and the
// work format modules.
//
// - submitText: the field is emptied the moment it is submitted, not when the
//   ack comes back. The server broadcasts the change (note:added,
//   activity:changed) before it acks, so clearing on the ack would wipe the
//   next item the facilitator already started typing. A refused ack puts the
//   text back, unless something new was typed meanwhile.
// - keepFocus: a redraw that replaces the focused field puts the focus, the
//   typed value and the selection into its replacement (found by data-key or
//   id), so a busy room never steals focus or half a group name.
// - keyedList: draws a list whose items carry a key and a signature; an item
//   whose signature did not change keeps its element (and so its focus).

/** The key that finds a field's replacement after a redraw. */
const keyOf = (node) => (node && node.dataset && node.dataset.key) || (node && node.id) || "";

const find = (root, key) =>
  root.querySelector(`[data-key="${CSS.escape(key)}"]`) || (root.ownerDocument || document).getElementById(key);

const TEXT_TYPES = new Set(["text", "search", "url", "tel", "email", "password", "number", ""]);
const isTyped = (node) =>
  node.tagName === "TEXTAREA" || (node.tagName === "INPUT" && TEXT_TYPES.has(node.getAttribute("type") || ""));

/**
 * Send the text of `field` and empty the field at once. `sendText(text)` returns the ack
 * (`{ok, error}`); on a refusal the text comes back into the field (or into the field that
 * replaced it, by data-key or id) if that is still empty, and `onError(error)` runs.
 * Returns the ack, or null when the field held only whitespace.
 */
export async function submitText(field, sendText, onError) {
  const text = field.value;
  if (!text.trim()) return null;
  const key = keyOf(field);
  field.value = "";
  const ack = await sendText(text);
  if (!ack.ok) {
    const target = field.isConnected || !key ? field : find(document, key) || field;
    if (!target.value.trim()) target.value = text;
    if (onError) onError(ack.error);
  }
  return ack;
}

/** A <form> whose submit sends `field`'s text through submitText. */
export function onSubmitText(form, field, sendText, onError) {
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    submitText(field, sendText, onError);
  });
}

/**
 * Run `draw()`, which may replace anything inside `container`. If the focused element was
 * inside and got replaced, its replacement (same data-key or id) takes the focus back, with
 * the typed value and selection of a text field. The old field's change/blur events during
 * the swap are swallowed: they would send half a word.
 */
export function keepFocus(container, draw) {
  const active = document.activeElement;
  if (!active || active === document.body || !container.contains(active)) return draw();
  const swallow = (e) => { if (e.target === active) e.stopImmediatePropagation(); };
  const types = ["change", "blur", "focusout"];
  for (const type of types) window.addEventListener(type, swallow, true);
  const typed = isTyped(active);
  const saved = typed ? { value: active.value, start: active.selectionStart, end: active.selectionEnd, dir: active.selectionDirection } : null;
  const scroll = container.scrollTop;
  let result;
  try {
    result = draw();
  } finally {
    for (const type of types) window.removeEventListener(type, swallow, true);
  }
  // Still focused, or the draw put the focus somewhere on purpose.
  if (document.activeElement && document.activeElement !== document.body) return result;
  // Moved (still in the page) or replaced by an element with the same key.
  const key = keyOf(active);
  const again = active.isConnected ? active : key ? find(container, key) : null;
  if (!again) return result;
  if (saved && isTyped(again)) {
    const drawn = again.value;
    again.value = saved.value;
    again.focus({ preventScroll: true });
    try { again.setSelectionRange(saved.start, saved.end, saved.dir); } catch { /* type=number has no selection */ }
    if (saved.value !== drawn) commitOnLeave(again, drawn);
  } else {
    again.focus({ preventScroll: true });
  }
  if (container.scrollTop !== scroll) container.scrollTop = scroll;
  return result;
}

// A value set from script never fires "change", so text typed into the old field would
// not be saved when the facilitator leaves the new one: fire it then, unless the browser did.
function commitOnLeave(field, drawn) {
  let fired = false;
  field.addEventListener("change", () => { fired = true; }, { once: true });
  field.addEventListener("blur", () => {
    if (!fired && field.isConnected && field.value !== drawn) field.dispatchEvent(new Event("change", { bubbles: true }));
  }, { once: true });
}

const lists = new WeakMap(); // container → Map(key → {sig, el})

/**
 * Make `container`'s children the elements of `entries` ({key, sig, build}) in that order.
 * An entry whose key and sig match the previous call keeps its element; others are built.
 * Elements already in place are not moved, so appending one item touches one element.
 */
export function keyedList(container, entries) {
  const before = lists.get(container) || new Map();
  const after = new Map();
  for (const entry of entries) {
    const old = before.get(entry.key);
    const el = old && old.sig === entry.sig && old.el.parentNode === container ? old.el : entry.build();
    after.set(entry.key, { sig: entry.sig, el });
  }
  lists.set(container, after);
  const wanted = new Set([...after.values()].map((v) => v.el));
  for (const child of [...container.children]) if (!wanted.has(child)) child.remove();
  let cursor = container.firstElementChild;
  for (const { el } of after.values()) {
    if (el === cursor) cursor = cursor.nextElementSibling;
    else container.insertBefore(el, cursor);
  }
}

// Writes that happen only when the value changed. A page redraws once per frame while a room
// posts, and a write of the same text or flag still invalidated the element's layout and
// paint: at 100 notes/s the facilitator page repainted its whole height every frame
// (bench/regional.py, issue 22).
export function setText(el, text) {
  // The soft hyphens hyphenate.js put in do not make the text another one.
  if (el.textContent.replaceAll("\u00ad", "") !== String(text).replaceAll("\u00ad", "")) el.textContent = text;
}

export function setProp(el, name, value) {
  if (el[name] !== value) el[name] = value;
}

/** Rebuild `el`'s children with `build()` only when `sig` differs from the last one drawn. */
export function rebuild(el, sig, build) {
  if (el.dataset.sig === sig) return;
  el.dataset.sig = sig;
  el.replaceChildren(...build());
}

/**
 * Text folded for searching: lower case, without accents (ë → e, é → e) and without the
 * soft hyphens static/js/hyphenate.js puts in, so "coordinatie" finds "coördinatie".
 */
export function fold(text) {
  return String(text || "").normalize("NFD").replace(/[\u0300-\u036f\u00ad]/g, "").toLowerCase();
}
