// The server's clock, as well as this page can know it: one estimate per page of
// how far the server's clock is ahead of ours, learnt NTP-style with `clock:sync`
// (never from a server time that sat in the page's state: a copy of `server_now`
// read again at a redraw is seconds old and would set the clock back by that much).
// Every countdown on a page (the timer, a rotation's "wisselen over") reads
// serverNow(), and ticks on the one shared ticker below.

const KEEP = 5; // the last few samples; the one with the shortest round trip wins
const SYNC_EVERY_MS = 60000;
const SLACK_MS = 25; // the server's and our clock read in whole milliseconds

/** @type {{offset: number, rtt: number}[]} */
let samples = [];
/** @type {number | null} the best sample's offset; null before the first sync */
let synced = null;
let fallback = 0; // before the first sync: from a server time at the moment it arrived

/** The server's clock now (epoch ms). */
export function serverNow() {
  return Date.now() + (synced ?? fallback);
}

/** Server clock minus ours (ms), and whether it comes from a sync; for tests and tools. */
export function clockInfo() {
  const best = samples.length ? samples.reduce((a, b) => (b.rtt < a.rtt ? b : a)) : null;
  return { offset: synced ?? fallback, synced: synced !== null, rtt: best ? best.rtt : null };
}

/**
 * A server time that arrived just now (e.g. `server_now` of a `timer:changed` at receipt).
 * Only used until the first sync answers, which measures the network delay too.
 */
export function heardServerTime(serverMs) {
  if (synced === null && Number.isFinite(serverMs)) fallback = serverMs - Date.now();
}

function addSample(t0, server, t1) {
  const sample = { offset: server - (t0 + t1) / 2, rtt: t1 - t0 };
  // The true offset lies within ±rtt/2 of each sample. A new one that cannot agree with
  // the old ones means our clock was set (NTP, a user, a sleeping phone): forget the old.
  const best = samples.length ? samples.reduce((a, b) => (b.rtt < a.rtt ? b : a)) : null;
  if (best && Math.abs(sample.offset - best.offset) > (sample.rtt + best.rtt) / 2 + SLACK_MS) samples = [];
  samples.push(sample);
  if (samples.length > KEEP) samples.shift();
  synced = samples.reduce((a, b) => (b.rtt < a.rtt ? b : a)).offset;
}

/** Keep this page's estimate fresh over `socket`: a few samples at each (re)connect, then one a minute. */
export function syncClock(socket) {
  const ping = () => {
    if (!socket.connected) return;
    const t0 = Date.now();
    socket.timeout(5000).emit("clock:sync", {}, (err, ack) => {
      const t1 = Date.now();
      if (!err && ack && Number.isFinite(ack.now)) addSample(t0, ack.now, t1);
    });
  };
  socket.on("connect", () => {
    // Another network (or a woken phone) may have another delay: start over, but keep
    // using the old estimate until the first new answer.
    samples = [];
    ping();
    setTimeout(ping, 1000);
    setTimeout(ping, 3000);
  });
  setInterval(ping, SYNC_EVERY_MS);
  // A phone that slept may have had its clock set meanwhile.
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "visible") ping(); });
}

// --- the shared ticker --------------------------------------------------------------

const TICK_MS = 250; // a display of whole seconds is never more than a quarter second late
const ticking = new Set();
let interval = null;

/** Call `fn` every tick until the returned stop function is called. */
export function onTick(fn) {
  ticking.add(fn);
  if (interval === null) {
    interval = setInterval(() => {
      for (const f of [...ticking]) {
        try { f(); } catch (e) { console.error(e); } // one broken display stops no other
      }
    }, TICK_MS);
  }
  return () => {
    ticking.delete(fn);
    if (!ticking.size && interval !== null) { clearInterval(interval); interval = null; }
  };
}
