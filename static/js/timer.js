// A countdown that follows the server's timer. The server sends when the timer
// ends; the page's estimate of the server's clock (clock.js, kept by the
// connection) says how long that is from now, so every screen shows the same
// time even if the phone's clock is wrong. A redraw only swaps the timer: it
// never touches the clock, or an old copy of the server's time would set it back.

import { onTick, serverNow } from "./clock.js";
import { setProp, setText } from "./forms.js";
import { t } from "./i18n.js";

function format(ms) {
  const total = Math.ceil(ms / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, "0")}`;
}

export class Countdown {
  /** @param {HTMLElement} el  @param {{onEnd?: () => void}} opts */
  constructor(el, opts = {}) {
    this.el = el;
    this.onEnd = opts.onEnd || (() => {});
    this.timer = null;
    this.endedFor = null;
    onTick(() => this.render());
  }

  set(timer) {
    this.timer = timer;
    this.render();
  }

  remaining() {
    const t = this.timer;
    if (!t) return null;
    if (t.state === "paused") return t.remaining_ms;
    // A running timer never shows more than it had when the server sent it: the clock
    // estimate may be a few ms behind, and "2:01" on a 2-minute timer looks broken.
    const left = t.ends_at - serverNow();
    return Math.max(0, t.remaining_ms == null ? left : Math.min(t.remaining_ms, left));
  }

  render() {
    const tm = this.timer;
    // Written only when changed: the pages call this on every redraw (see forms.js's setText).
    const el = this.el;
    const state = (value) => { if (el.dataset.state !== value) el.dataset.state = value; };
    if (!tm) { setProp(el, "hidden", true); state("none"); return; }
    const left = this.remaining();
    setProp(el, "hidden", false);
    const ended = tm.state === "running" && left <= 0;
    state(ended ? "ended" : tm.state);
    setText(el, ended ? t("Tijd is om!") : `${tm.state === "paused" ? t("Pauze") + " " : ""}${format(left)}`);
    const label = ended ? t("Tijd is om") : t("Nog %(time)s minuten", { time: format(left) });
    if (el.getAttribute("aria-label") !== label) el.setAttribute("aria-label", label);
    if (ended && this.endedFor !== tm.ends_at) {
      this.endedFor = tm.ends_at;
      this.onEnd();
    }
  }
}
