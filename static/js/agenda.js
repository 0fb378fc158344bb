// The agenda state every page keeps (activities, the current one, their
// timers), updated from the server's events in one way for board, phone and
// facilitator.

export function currentActivity(state) {
  return state.activities.find((a) => a.id === state.current) || null;
}

/** Apply `activity:changed`. False when the new item's work format has no meta on this page yet. */
export function applyActivityChanged(state, msg) {
  state.activities = msg.activities;
  state.current = msg.current_activity_id;
  return !msg.activity || Boolean(state.forms[msg.activity.workform]);
}

/**
 * Apply `activity:updated`: one activity's new view, merged by id (the agenda itself is
 * unchanged). True when it is the item on screen. Phones get their own, smaller view
 * (no vote counts, and only the part of `extra` they display), so merge, don't assume.
 */
export function applyActivityUpdated(state, { activity }) {
  const index = state.activities.findIndex((a) => a.id === activity.id);
  if (index < 0) return false; // not on this page's agenda (yet): `activity:changed` brings it
  state.activities[index] = activity;
  return activity.id === state.current;
}

/** Apply `timer:changed`. True when it is the timer of the item on screen. */
export function applyTimerChanged(state, { activity_id, timer }) {
  const activity = state.activities.find((a) => a.id === activity_id);
  if (activity) activity.timer = timer;
  return activity_id === state.current;
}

/** Apply `notes:sync`: an activity's notes and groups, replaced as a whole. */
export function applyNotesSync(state, { activity_id, notes, groups }) {
  state.notes.replaceActivity(activity_id, notes);
  state.groups = [...state.groups.filter((g) => g.activity_id !== activity_id), ...(groups || [])];
}

/** Apply `votes:progress`: counts while voting runs (totals come when it closes). */
export function applyVotesProgress(state, { activity_id, cast, voters }) {
  const activity = state.activities.find((a) => a.id === activity_id);
  if (activity) activity.votes = { cast, voters, totals: null };
}
