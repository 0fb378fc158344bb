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
