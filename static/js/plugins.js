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
