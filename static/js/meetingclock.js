// The meeting clock (issue 19): how long the meeting and its current agenda item have
// run, against the plan. Each activity view carries `actual` = {since, spent_ms}: since
// when it is the current item (server epoch ms, null otherwise) and the time it was
// current before. The clock starts when the first participant joins (or the facilitator
// starts it), so pages compute everything here, on their own ticker: the server sends
// nothing while a meeting simply runs.

/** Milliseconds this item has been the current one, all told. */
export function itemMs(activity, now) {
  const a = (activity && activity.actual) || {};
  return (a.spent_ms || 0) + (a.since ? Math.max(0, now - a.since) : 0);
}

/** Whether the clock has started (some item counts time). */
export function started(activities) {
  return activities.some((a) => a.actual && (a.actual.since || a.actual.spent_ms));
}

/** Milliseconds the meeting has run (the items' times add up to it). */
export function meetingMs(activities, now) {
  return activities.reduce((sum, a) => sum + itemMs(a, now), 0);
}

/** Whole minutes the current item has left of its planned minutes; null when it has no
 * plan or does not count now; 0 or less when it runs over. */
export function minutesLeft(activity, now) {
  if (!activity || !activity.minutes || !(activity.actual && activity.actual.since)) return null;
  return Math.ceil(activity.minutes - itemMs(activity, now) / 60000);
}

/** Expected length of the whole meeting in minutes: what ran, what the current item has
 * left of its plan, and the planned minutes of the items after it. */
export function expectedMinutes(activities, currentId, now) {
  const index = activities.findIndex((a) => a.id === currentId);
  const current = activities[index];
  const left = current && current.minutes ? Math.max(0, current.minutes - itemMs(current, now) / 60000) : 0;
  const later = activities.slice(index + 1).reduce((sum, a) => sum + (a.minutes || 0), 0);
  return Math.round(meetingMs(activities, now) / 60000 + left + later);
}

/** "0:34" for minutes. */
export const clockText = (minutes) => `${Math.floor(minutes / 60)}:${String(Math.floor(minutes % 60)).padStart(2, "0")}`;
