// One Socket.IO connection per page: joins on every (re)connect, so a phone
// that dropped off the Wi-Fi or a laptop that slept comes back with a fresh
// snapshot. The server is the only source of truth. It also keeps the page's
// estimate of the server's clock (clock.js), which every countdown reads.

import { heardServerTime, syncClock } from "./clock.js";
import { hasOwnLanguage, lang, t } from "./i18n.js";

const LABELS = {
  connecting: t("Verbinden…"),
  online: t("Verbonden"),
  offline: t("Verbinding kwijt… opnieuw verbinden"),
};

export function setConnState(state) {
  const el = document.getElementById("conn");
  if (!el) return;
  el.dataset.state = state;
  el.textContent = LABELS[state] || state;
}

/**
 * @param {object} opts
 * @param {() => object} opts.joinPayload  built fresh at each (re)join
 * @param {(ack: object) => void} opts.onJoined
 * @param {(error: string) => void} opts.onRefused
 * @param {Record<string, Function>} opts.handlers  server events
 */
export function connect({ joinPayload, onJoined, onRefused, handlers }) {
  // The join code in every Socket.IO request's query: a load balancer in front of several
  // workers hashes on it, so all sockets of a session land on one worker (docs/deploy.md).
  const code = (joinPayload() || {}).code;
  // eslint-disable-next-line no-undef
  const socket = io({ reconnectionDelayMax: 4000, timeout: 8000, query: code ? { code } : {} });
  setConnState("connecting");
  // Registered before the join, so the first `clock:sync` goes out ahead of it.
  syncClock(socket);
  const join = () => {
    socket.timeout(10000).emit("join", { ...joinPayload(), lang }, (err, ack) => {
      if (err) { socket.disconnect().connect(); return; }
      if (ack && ack.ok) {
        heardServerTime(timerServerNow(ack.state && ack.state.activities));
        setConnState("online");
        onJoined(ack);
      } else {
        setConnState("online");
        onRefused((ack && ack.error) || t("Meedoen lukt niet."));
      }
    });
  };
  socket.on("connect", join);
  socket.on("disconnect", () => setConnState("offline"));
  socket.io.on("reconnect_attempt", () => setConnState("offline"));
  // Until the first sync answers, a fresh server time counts when it arrives (listeners run
  // in order, so this is before the page's own handler redraws).
  socket.on("timer:changed", (msg) => heardServerTime(msg && msg.timer && msg.timer.server_now));
  socket.on("activity:changed", (msg) => heardServerTime(timerServerNow(msg && msg.activities)));
  for (const [event, fn] of Object.entries(handlers || {})) socket.on(event, fn);
  // The facilitator switched the session language: pages in another language reload in it
  // (a phone that chose its own language keeps it).
  socket.on("session:changed", ({ language }) => {
    const ownChoice = document.body.classList.contains("phone") && hasOwnLanguage();
    if (language && language !== lang && !ownChoice) location.reload();
  });
  // A phone that wakes from sleep may hold a dead socket; nudge it.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && !socket.connected) socket.connect();
  });
  // The browser knows at once when the Wi-Fi is gone; the heartbeat would take
  // seconds. Drop the socket now (notes go to the outbox) and come back on "online".
  window.addEventListener("offline", () => { socket.disconnect(); setConnState("offline"); });
  window.addEventListener("online", () => { if (!socket.connected) socket.connect(); });
  return socket;
}

/** The `server_now` of the first timer in a just-received list of activities, if any. */
function timerServerNow(activities) {
  const timed = (activities || []).find((a) => a && a.timer && Number.isFinite(a.timer.server_now));
  return timed ? timed.timer.server_now : undefined;
}

/** Emit with an ack, as a promise that also resolves (with ok:false) on timeout. */
export function request(socket, event, payload, ms = 10000) {
  return new Promise((resolve) => {
    socket.timeout(ms).emit(event, payload, (err, ack) => {
      if (err) resolve({ ok: false, error: t("Geen antwoord van de server. Probeer het opnieuw."), timeout: true });
      else resolve(ack || { ok: false, error: t("Leeg antwoord.") });
    });
  });
}
