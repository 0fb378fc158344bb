// Work format front-end modules (workforms/<slug>/static/{board,phone,facilitator}.js),
// imported once per page. A module that fails to load is treated as absent, so
// the shell's default view still works.

const cache = new Map();

export function loadModule(url) {
  if (!url) return Promise.resolve(null);
  if (!cache.has(url)) cache.set(url, import(url).catch(() => null));
  return cache.get(url);
}

/** Keep `goals:changed` (session goals and ambition) in a page's state. */
export function applyGoals(state, msg) {
  state.goals = msg.goals || [];
  state.ambition = msg.ambition || "";
}

// Small DOM helpers every work format module needs, in one place.

/** Add a work format's stylesheet to the page once (the CSP allows 'self' styles). */
export function useStylesheet(url) {
  let href = new URL(url, document.baseURI).href;
  // The page's import map lists stylesheets too (app/assets.py): take the fingerprinted
  // URL, cached for good. Without import maps (old browsers) the plain URL, revalidated.
  try {
    href = import.meta.resolve(href);
  } catch {
    /* keep the plain URL */
  }
  if ([...document.querySelectorAll("link[rel=stylesheet]")].some((l) => l.href === href)) return;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = href;
  // Layout that measures (the board's fitter) must measure again once the styles apply.
  link.addEventListener("load", () => document.dispatchEvent(new Event("flipover:styles")));
  document.head.append(link);
}

/** An element with an optional class and text (always as text, never as markup). */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A type=button with a click handler. */
export function button(label, onClick, className = "small") {
  const b = el("button", className, label);
  b.type = "button";
  b.addEventListener("click", onClick);
  return b;
}

/**
 * The sender's own data of an activity (their answers after a reload or reconnect), fetched
 * once with `event` and kept per activity id in `cache`. `read(ack)` picks the fields from the
 * ack (it gets `{}` for the empty start). Returns `{loading, ...fields}`; a refused or failed
 * request is tried again on the next redraw.
 */
export function fetchOwn(cache, view, event, read) {
  const activityId = view.activity.id;
  let own = cache.get(activityId);
  if (!own) {
    own = { loading: true, ...read({}) };
    cache.set(activityId, own);
    view.request(event, { activity_id: activityId }).then((ack) => {
      own.loading = false;
      if (ack.ok) Object.assign(own, read(ack));
      else cache.delete(activityId);
      view.refresh();
    });
  }
  return own;
}

const folds = new Map(); // key → open, as the user left it

/**
 * A <details> with `summary` whose open or closed state, once the user toggles it, survives
 * redraws: a work format's render builds fresh elements on every update (an answer coming in),
 * which would fold a part the facilitator just opened. `key` names it across redraws (include
 * the activity id); until the user toggles, `openByDefault` decides.
 */
export function fold(key, className, summary, openByDefault = false) {
  const box = el("details", className);
  box.open = folds.has(key) ? folds.get(key) : openByDefault;
  const head = el("summary", null, summary);
  // A click (or Enter/Space) on the summary is the user's; the "toggle" event also fires for
  // the state set above.
  head.addEventListener("click", () => folds.set(key, !box.open));
  box.append(head);
  return box;
}
