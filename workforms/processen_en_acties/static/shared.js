// What the board, phone and facilitator modules of `processen-en-acties` share:
// the round, computed from the deadline-based rotation state (as rotation.py does),
// and small DOM helpers.
import { onTick, serverNow } from "/static/js/clock.js";
import { t } from "/static/js/i18n.js";
import { useStylesheet } from "/static/js/plugins.js";
export const CSS = "/wf/processen-en-acties/static/style.css";

export const ensureCss = () => useStylesheet(CSS);
export { el, button as btn } from "/static/js/plugins.js";

/** The current round and when it ends (server ms), like rotation.current_round/round_ends_at. */
export function roundOf(rot) {
  if (!rot || !rot.started) return { round: null, endsAt: null };
  // The page's one estimate of the server's clock (clock.js), never the rotation's own
  // `server_now`: that copy is as old as the last change, so it would stop the clock.
  const now = serverNow();
  let round = rot.base;
  if (rot.auto && rot.seconds > 0) {
    const passed = Math.floor(Math.max(0, now - rot.base_at) / (rot.seconds * 1000));
    round = Math.min(rot.base + passed, Math.max(rot.base, rot.planned - 1));
  }
  const endsAt = rot.auto && round < rot.planned - 1 ? rot.base_at + (round - rot.base + 1) * rot.seconds * 1000 : null;
  return { round, endsAt, now };
}

/** People per goal in `round`: the start counts shifted by the round (aggregates only). */
export function hereIn(rot, round) {
  const out = {};
  const g = rot.goal_ids.length;
  rot.goal_ids.forEach((id, i) => { out[id] = rot.starts[(((i - round) % g) + g) % g] || 0; });
  return out;
}

export function clock(ms) {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

export function statusText(rot) {
  if (!rot || !rot.started) return t("De rotatie is nog niet gestart.");
  const { round, endsAt, now } = roundOf(rot);
  const base = t("Ronde %(n)s van %(total)s", { n: round + 1, total: rot.planned });
  if (round >= rot.planned) return t("%(base)s (extra ronde)", { base });
  return endsAt ? t("%(base)s · wisselen over %(clock)s", { base, clock: clock(endsAt - now) }) : base;
}

/**
 * Keep `status` (drawn with statusText) counting down while it is on the page, on the
 * page's shared ticker; `onRound` runs once when the round changes (to redraw the rest).
 */
export function tickStatus(status, rot, onRound) {
  if (!rot || !rot.started || !rot.auto) return;
  let { round } = roundOf(rot);
  const stop = onTick(() => {
    if (!status.isConnected) { stop(); return; }
    const now = roundOf(rot).round;
    if (now !== round) {
      round = now;
      if (onRound) onRound();
      // A redraw replaced `status` (and started its own tick); one that held back
      // (the facilitator is typing) leaves it here to go on counting.
      if (!status.isConnected) { stop(); return; }
    }
    const text = statusText(rot);
    if (status.textContent !== text) status.textContent = text;
  });
}
