// Flipover's load generator (bench/loadgen.py starts it; `node loadgen.mjs plan.json`).
//
// Phones and boards over socket.io-client (websocket), in one Node process, so a benchmark's
// generator keeps up where one Python process of sync clients saturates (about 200 notes/s).
// The plan names sessions with the worker URL of each phone and board; every phone posts
// `note:add` at `rate` notes/s (open loop, each phone at a random offset in its first period),
// and each note's latency is measured from its send to its own session's board receiving it,
// on this process's clock. It prints one JSON object on stdout: the latencies, the acks, what
// was refused or lost, the joins, and the generator's own CPU and send lag, so a saturated
// generator shows instead of passing for a slow server.
import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { io } from "socket.io-client";

const plan = JSON.parse(readFileSync(process.argv[2], "utf8"));
const now = () => performance.now();
const log = (msg) => process.stderr.write(`loadgen: ${msg}\n`);

// A small seeded generator (mulberry32), so runs with one seed start phones at the same offsets.
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function connectAndJoin(url, payload, onNote) {
  return new Promise((resolve, reject) => {
    const t0 = now();
    const socket = io(url, {
      transports: ["websocket"],
      query: { code: payload.code },
      reconnection: false,
      forceNew: true,
      timeout: plan.join_timeout_ms ?? 60000,
    });
    if (onNote) socket.on("note:added", onNote);
    socket.on("connect_error", (err) => reject(new Error(`connect ${url}: ${err.message}`)));
    socket.on("connect", () => {
      socket.timeout(plan.join_timeout_ms ?? 60000).emit("join", payload, (err, ack) => {
        if (err) return reject(new Error(`join timed out: ${err.message}`));
        if (!ack || !ack.ok) return reject(new Error(`join refused: ${JSON.stringify(ack)}`));
        resolve({ socket, ack, joinMs: now() - t0 });
      });
    });
  });
}

// Join `items` with at most `limit` joins in flight.
async function pooled(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  async function worker() {
    while (next < items.length) {
      const i = next++;
      try {
        results[i] = await fn(items[i], i);
      } catch (err) {
        results[i] = err;
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function main() {
  const sockets = [];
  const boardSeen = new Map(); // note key → time its board got it
  const sends = new Map(); // note key → send time
  const acks = new Map(); // note key → {t, ok, error}
  const out = {
    joined: 0, join_fail: 0, join_errors: [], join_ms: [], sent: 0, send_errors: 0,
    ok: 0, refused: 0, timeouts: 0, missing: 0, refusals: {}, board_ms: [], ack_ms: [],
    other_ms: [], // board latency of notes from phones on another worker than their board
  };
  const elsewhere = new Set(); // note keys sent from a phone on another worker than its board

  // Boards first (each on its session's board URL), so no note is posted before its board listens.
  const boards = await pooled(plan.sessions, plan.join_concurrency ?? 50, (s) =>
    connectAndJoin(s.board_url, { code: s.code, role: "board" }, (data) => {
      const text = (data && data.note && data.note.text) || "";
      if (text.startsWith("bench ")) {
        const key = text.slice(6);
        if (!boardSeen.has(key)) boardSeen.set(key, now());
      }
    }),
  );
  const activities = new Map();
  boards.forEach((b, i) => {
    if (b instanceof Error) throw b;
    sockets.push(b.socket);
    activities.set(plan.sessions[i].code, b.ack.state.activities.map((a) => a.id));
  });

  const phones = [];
  for (const s of plan.sessions) {
    for (let i = 0; i < s.phones; i++) {
      const url = s.phone_urls[i % s.phone_urls.length];
      phones.push({ code: s.code, url, i, elsewhere: url !== s.board_url });
    }
  }
  const t0 = now();
  const joined = await pooled(phones, plan.join_concurrency ?? 50, (p) =>
    connectAndJoin(p.url, { code: p.code, role: "participant", name: `Telefoon ${p.i}` }),
  );
  out.join_wall_ms = now() - t0;
  const live = [];
  joined.forEach((j, n) => {
    if (j instanceof Error) {
      out.join_fail += 1;
      if (out.join_errors.length < 3) out.join_errors.push(j.message);
    } else {
      out.joined += 1;
      out.join_ms.push(j.joinMs);
      sockets.push(j.socket);
      live.push({ ...phones[n], socket: j.socket });
    }
  });
  log(`${plan.sessions.length} sessions, ${out.joined} phones joined in ${Math.round(out.join_wall_ms)} ms`);

  // Open loop: every phone sends at its own pace; a timer per send, lag measured against the plan.
  const rng = random(plan.seed ?? 1);
  const period = 1000 / plan.rate;
  const perActivity = plan.notes_per_activity ?? 20;
  const lags = [];
  const cpu0 = process.cpuUsage();
  const start = now() + 500;
  // The caller measures the server's CPU over the same window (posting and draining).
  setTimeout(() => process.stderr.write("MARK start\n"), 500);
  const end = start + plan.seconds * 1000;
  await new Promise((resolveAll) => {
    let pending = live.length;
    if (!pending) resolveAll();
    for (const phone of live) {
      let seq = 0;
      const ids = activities.get(phone.code);
      const send = (due) => {
        lags.push(now() - due);
        const key = `${phone.code}-${phone.i}-${seq}`;
        const payload = {
          activity_id: ids[Math.min(Math.floor(seq / perActivity), ids.length - 1)],
          client_id: randomUUID(),
          text: `bench ${key}`,
        };
        seq += 1;
        const t = now();
        sends.set(key, t);
        if (phone.elsewhere) elsewhere.add(key);
        phone.socket.timeout(plan.ack_timeout_ms ?? 10000).emit("note:add", payload, (err, ack) => {
          if (err) return; // counted as a timeout below
          acks.set(key, { t: now(), ok: !!(ack && ack.ok), error: ack && !ack.ok ? String(ack.error).slice(0, 60) : "" });
        });
        const next = due + period;
        if (next < end) setTimeout(() => send(next), Math.max(0, next - now()));
        else if (--pending === 0) resolveAll();
      };
      const first = start + rng() * period;
      setTimeout(() => send(first), Math.max(0, first - now()));
    }
  });
  const sendEnd = now();
  // Drain: every note acked and every accepted note on its board, or the ack timeout.
  const deadline = sendEnd + (plan.ack_timeout_ms ?? 10000);
  while (now() < deadline) {
    const done = acks.size >= sends.size && [...acks].every(([k, a]) => !a.ok || boardSeen.has(k));
    if (done) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const wallMs = now() - start;
  const cpu = process.cpuUsage(cpu0);
  process.stderr.write("MARK end\n");
  out.generator_cpu = (cpu.user + cpu.system) / 1000 / wallMs; // share of one core
  out.wall_ms = wallMs;
  out.send_window_ms = sendEnd - start;
  lags.sort((a, b) => a - b);
  out.send_lag_p99_ms = lags.length ? lags[Math.min(lags.length - 1, Math.floor(0.99 * lags.length))] : 0;
  out.send_lag_max_ms = lags.length ? lags[lags.length - 1] : 0;

  out.sent = sends.size;
  for (const [key, t] of sends) {
    const ack = acks.get(key);
    if (!ack) { out.timeouts += 1; continue; }
    out.ack_ms.push(ack.t - t);
    if (!ack.ok) {
      out.refused += 1;
      out.refusals[ack.error] = (out.refusals[ack.error] || 0) + 1;
      continue;
    }
    out.ok += 1;
    if (boardSeen.has(key)) {
      out.board_ms.push(boardSeen.get(key) - t);
      if (elsewhere.has(key)) out.other_ms.push(boardSeen.get(key) - t);
    } else out.missing += 1;
  }
  out.delivered = [...boardSeen.keys()].filter((k) => sends.has(k)).length;
  for (const s of sockets) s.disconnect();
  return out;
}

main().then(
  // Exit only once the figures are written: a pipe takes 64 KB at a time, and an exit right
  // after write() would cut a large room's figures off there.
  (out) => process.stdout.write(JSON.stringify(out) + "\n", () => process.exit(0)),
  (err) => { log(err.stack || String(err)); process.exit(2); },
);
