#!/usr/bin/env python3
"""Latency benchmark: phones post sticky notes, the projected board shows them.

Starts the real server (``run.py``, eventlet) on 127.0.0.1 as a subprocess on a
free port with a throw-away database, creates a session per scenario, joins one
board and N phones (sync ``socketio.Client``, websocket transport, threads) and
lets every phone post ``note:add`` at a fixed rate for a fixed time. Measured:

* board latency: phone send -> board receives ``note:added`` (one process, one
  ``time.perf_counter`` clock);
* ack latency: phone send -> ``note:add`` ack, and the count of acks that were
  ok / ok:false (refused) / never arrived (timeout);
* join time per phone (connect + ``join`` ack) and the wall time for all N
  phones to join concurrently;
* the idempotency cost: the ack time of a retried ``note:add`` (same client_id)
  next to a fresh one on an idle server.

``--floor`` runs the same scenarios against a bare python-socketio server (no
Flask, no storage, same rooms) started the same way: the gap between the two
tables is what Flipover itself costs, with the load generator held constant.

Run it with the project venv: ``make bench`` or ``.venv/bin/python bench/latency.py``
(``--quick`` for a ~20 s smoke run). All traffic goes to 127.0.0.1, every loop
is bounded, and the server is always stopped (SIGTERM to its process group).
"""

from __future__ import annotations

import argparse
import heapq
import json
import math
import os
import platform
import queue
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import socketio

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SCENARIOS = "10x1,50x1,200x0.2,200x1"
MAX_NOTES_PER_ACTIVITY = 20  # notes per person on each activity: more notes go to a next activity
# Benchmarks post to trots as a plain note surface, in the app's open variant (notes appear
# live, anonymous, 20 per person) rather than the handbook's one situation each.
OPEN_TROTS = {
    "workform": "trots",
    "phase": "plakken",
    "anonymous": True,
    "config": {"notes_per_participant": MAX_NOTES_PER_ACTIVITY},
}
CLK_TCK = os.sysconf("SC_CLK_TCK")

# A bare python-socketio server with the same rooms and events as Flipover's
# note path, but no Flask, no database and no views: the floor of this stack.
FLOOR_SRC = r"""
import json, sys, warnings
warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")
import eventlet
eventlet.monkey_patch()
import eventlet.wsgi
import socketio

sio = socketio.Server(async_mode="eventlet")
seen = {}
count = [0]


def http(environ, start_response):
    if environ["PATH_INFO"] == "/api/sessions" and environ["REQUEST_METHOD"] == "POST":
        count[0] += 1
        body = json.dumps({"code": "FLOOR%d" % count[0], "facilitator_token": "floor"}).encode()
        start_response("201 Created", [("Content-Type", "application/json")])
        return [body]
    start_response("200 OK", [("Content-Type", "application/json")])
    return [b"[]"]


@sio.on("join")
def join(sid, data):
    role = data.get("role", "participant")
    sio.enter_room(sid, "s:%s:board" % data["code"] if role == "board" else "p:" + sid)
    sio.save_session(sid, {"code": data["code"]})
    return {"ok": True, "state": {"current_activity_id": 1, "activities": [{"id": 1}], "notes": []}}


@sio.on("note:add")
def note_add(sid, data):
    key = data["client_id"]
    if key in seen:
        return {"ok": True, "note": seen[key], "duplicate": True}
    code = sio.get_session(sid)["code"]
    note = {"id": len(seen) + 1, "activity_id": data.get("activity_id"), "client_id": key, "text": data.get("text")}
    seen[key] = note
    sio.emit("note:added", {"note": note}, to="s:%s:board" % code)
    sio.emit("note:added", {"note": note}, to="p:" + sid)
    return {"ok": True, "note": note}


listener = eventlet.listen(("127.0.0.1", int(sys.argv[1])), reuse_port=False)
eventlet.wsgi.server(listener, socketio.WSGIApp(sio, http), log_output=False)
"""


# --- the server under test ----------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A server subprocess in its own process group, stopped with SIGTERM to the group."""

    def __init__(
        self,
        kind: str,
        workdir: Path,
        async_mode: str,
        run_py: str = "run.py",
        db: Path | None = None,
        extra: tuple[str, ...] = (),
        gc_defaults: bool = False,
        shipped_limits: bool = False,
    ) -> None:
        self.kind = kind
        self.shipped_limits = shipped_limits
        self.gc_defaults = gc_defaults
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = workdir / f"{kind}-server-{self.port}.log"
        if kind == "flipover":
            self.cmd = [sys.executable, run_py, "--host", "127.0.0.1", "--port", str(self.port)]
            self.cmd += ["--db", str(db or workdir / f"bench-{self.port}.db"), "--async-mode", async_mode, *extra]
        else:
            self.cmd = [sys.executable, "-c", FLOOR_SRC, str(self.port)]
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 30.0) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("FLIPOVER_")}
        env["FLIPOVER_SECRET_KEY"] = "bench"  # keeps run.py from writing instance/secret_key
        if not self.shipped_limits:
            # One load generator on 127.0.0.1 stands for hundreds of phones and facilitators on
            # their own addresses, and a long run posts more notes than one meeting may hold.
            env["FLIPOVER_CONNECTIONS_PER_ADDRESS"] = "0"
            for kind in ("SESSIONS", "TRAJECTORIES", "UPLOADS", "JOINS"):
                env[f"FLIPOVER_{kind}_PER_ADDRESS_BURST"] = "1000000"
            env["FLIPOVER_SESSION_MAX_NOTES"] = "1000000"
            env["FLIPOVER_SESSION_MAX_PARTICIPANTS"] = "1000000"
        # Every generation-2 collection and any of 1 ms or more (app/gcwatch.py).
        self.gc_log = self.log.with_suffix(".gc.jsonl")
        env["FLIPOVER_GC_LOG"] = str(self.gc_log)
        if self.gc_defaults:
            env["FLIPOVER_GC_DEFAULTS"] = "1"
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                self.cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.kind} server exited {self.proc.returncode}:\n{self.tail()}")
            try:
                urllib.request.urlopen(self.url + "/api/workforms", timeout=1).read()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"{self.kind} server did not answer within {timeout:.0f}s:\n{self.tail()}")

    def tail(self) -> str:
        try:
            return self.log.read_text(errors="replace")[-2000:]
        except OSError:
            return ""

    def cpu_seconds(self) -> float:
        """user+system CPU time of the server process so far (0 if unknown)."""
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / CLK_TCK
        except (OSError, AttributeError, IndexError, ValueError):
            return 0.0

    def rss_mb(self) -> float:
        try:
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        except (OSError, AttributeError):
            pass
        return 0.0

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(5)
        except ProcessLookupError:
            pass


# --- small helpers --------------------------------------------------------------


def pct(values: list[float], p: float) -> float:
    """Percentile with linear interpolation (numpy's default); nan when empty."""
    if not values:
        return math.nan
    xs = sorted(values)
    k = (len(xs) - 1) * p / 100
    lo, hi = math.floor(k), math.ceil(k)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def ms(x: float) -> str:
    return "-" if math.isnan(x) else (f"{x * 1000:.1f}" if x < 10 else f"{x * 1000:.0f}")


def parallel(fn: Any, items: list[Any], workers: int, timeout: float) -> list[Any]:
    """fn over items in daemon threads; an exception or an unfinished item gives that result."""
    results: list[Any] = [TimeoutError("not finished")] * len(items)
    todo: queue.Queue[tuple[int, Any]] = queue.Queue()
    for pair in enumerate(items):
        todo.put(pair)

    def work() -> None:
        while True:
            try:
                i, item = todo.get_nowait()
            except queue.Empty:
                return
            try:
                results[i] = fn(item)
            except Exception as exc:
                results[i] = exc

    threads = [threading.Thread(target=work, daemon=True) for _ in range(max(1, min(workers, len(items))))]
    for t in threads:
        t.start()
    deadline = time.monotonic() + timeout
    for t in threads:
        t.join(max(0.0, deadline - time.monotonic()))
    return results


def create_session(url: str, activities: int) -> dict[str, Any]:
    body = json.dumps({"title": "Bench", "agenda": [OPEN_TROTS] * activities}).encode()
    req = urllib.request.Request(
        url + "/api/sessions", data=body, headers={"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.loads(resp.read())


def connect_and_join(url: str, payload: dict[str, Any], on_note: Any = None) -> tuple[socketio.Client, dict, float]:
    """Connect (websocket) and join; returns the client, the join ack and the time both took."""
    client = socketio.Client(reconnection=False)
    if on_note is not None:
        client.on("note:added", on_note)
    t0 = time.perf_counter()
    client.connect(url, transports=["websocket"], wait_timeout=15)
    ack = client.call("join", payload, timeout=20)
    took = time.perf_counter() - t0
    if not ack.get("ok"):
        client.disconnect()
        raise RuntimeError(f"join refused: {ack}")
    return client, ack, took


def disconnect_all(clients: list[socketio.Client]) -> None:
    parallel(lambda c: c.disconnect(), clients, workers=50, timeout=30)


# --- one scenario ----------------------------------------------------------------


@dataclass
class Result:
    name: str
    phones: int
    rate: float
    seconds: float
    joined: int = 0
    join_fail: int = 0
    join_times: list[float] = field(default_factory=list)
    join_wall: float = math.nan
    sent: int = 0
    send_errors: int = 0
    ok: int = 0
    refused: int = 0
    timeouts: int = 0
    refusals: dict[str, int] = field(default_factory=dict)
    delivered: int = 0
    missing: int = 0
    echoes: int = 0
    board_lat: list[float] = field(default_factory=list)
    # Phones on another worker than the board (bench/scaleout.py); empty with one server.
    board_lat_other: list[float] = field(default_factory=list)
    ack_lat: list[float] = field(default_factory=list)
    send_window: float = math.nan
    sched_lag_p99: float = math.nan
    server_cpu: float = math.nan
    bench_cpu: float = math.nan
    server_rss_mb: float = math.nan
    load1: float = math.nan

    def summary(self) -> dict[str, Any]:
        out = {k: v for k, v in self.__dict__.items() if not isinstance(v, list)}
        for key in ("board_lat", "board_lat_other", "ack_lat", "join_times"):
            vals = getattr(self, key)
            out[key] = {"n": len(vals), **{f"p{p}": pct(vals, p) for p in (50, 95, 99)}, "max": max(vals, default=0)}
        return out


def run_scenario(server: Server, phones: int, rate: float, seconds: float, args: argparse.Namespace) -> Result:
    res = Result(name=f"{phones} x {rate:g}/s", phones=phones, rate=rate, seconds=seconds)
    per_phone = math.ceil(rate * seconds) + 1
    session = create_session(server.url, max(1, math.ceil(per_phone / MAX_NOTES_PER_ACTIVITY)))
    code = session["code"]
    board_recv: dict[str, float] = {}
    echoes = [0]

    def on_board_note(data: dict[str, Any]) -> None:
        t = time.perf_counter()
        text = (data.get("note") or {}).get("text") or ""
        if text.startswith("bench "):
            board_recv.setdefault(text[6:], t)

    def on_phone_note(_data: dict[str, Any]) -> None:
        echoes[0] += 1  # the author's own devices get the note too (approximate count, racy)

    board, board_ack, _ = connect_and_join(server.url, {"code": code, "role": "board"}, on_board_note)
    # Several workers (bench/scaleout.py): phone i joins worker i mod N; the board is on server.url.
    urls: list[str] = getattr(server, "phone_urls", None) or [server.url]
    activity_ids = [a["id"] for a in board_ack["state"]["activities"]]
    clients: list[socketio.Client] = [board]
    try:
        t0 = time.perf_counter()
        joined = parallel(
            lambda i: connect_and_join(urls[i % len(urls)], {"code": code, "name": f"Telefoon {i}"}, on_phone_note),
            list(range(phones)),
            workers=args.join_workers,
            timeout=args.join_timeout,
        )
        res.join_wall = time.perf_counter() - t0
        phone_clients = []
        elsewhere: list[bool] = []  # per phone client: on another worker than the board
        for n, item in enumerate(joined):
            if isinstance(item, BaseException):
                res.join_fail += 1
                if res.join_fail <= 3:
                    print(f"  join failed: {item!r}", file=sys.stderr)
            else:
                phone_clients.append(item[0])
                elsewhere.append(urls[n % len(urls)] != server.url)
                res.join_times.append(item[2])
        clients += phone_clients
        res.joined = len(phone_clients)
        if not phone_clients:
            return res

        sends: dict[str, float] = {}
        acks: dict[str, tuple[float, bool, str]] = {}

        def make_callback(key: str) -> Any:
            def callback(resp: Any = None, *_rest: Any) -> None:
                t = time.perf_counter()
                ok = isinstance(resp, dict) and resp.get("ok") is True
                acks.setdefault(key, (t, ok, "" if ok else str((resp or {}).get("error", resp))[:60]))

            return callback

        # Open loop: one scheduler thread emits for every phone at its own pace;
        # each phone starts at a random offset within its first period.
        rng = random.Random(args.seed + phones)
        period = 1.0 / rate
        start = time.perf_counter() + 0.5
        end = start + seconds
        heap = [(start + rng.uniform(0, period), i, 0) for i in range(len(phone_clients))]
        heapq.heapify(heap)
        lags: list[float] = []
        cpu0, times0 = server.cpu_seconds(), os.times()
        while heap:
            due, i, seq = heapq.heappop(heap)
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            key = f"{code}-{i}-{seq}"
            payload = {
                "activity_id": activity_ids[min(seq // MAX_NOTES_PER_ACTIVITY, len(activity_ids) - 1)],
                "client_id": str(uuid.uuid4()),
                "text": f"bench {key}",
            }
            t_send = time.perf_counter()
            lags.append(t_send - due)
            try:
                phone_clients[i].emit("note:add", payload, callback=make_callback(key))
                sends[key] = t_send
            except Exception:
                res.send_errors += 1
            if due + period < end:
                heapq.heappush(heap, (due + period, i, seq + 1))
        send_end = time.perf_counter()
        res.send_window = send_end - start
        # Drain: wait until every note is acked and every ok note reached the board.
        deadline = send_end + args.ack_timeout
        while time.perf_counter() < deadline:
            done = len(acks) >= len(sends)
            if done and all(k in board_recv for k, (_, ok, _e) in list(acks.items()) if ok):
                break
            time.sleep(0.05)
        wall = time.perf_counter() - start
        cpu1, times1 = server.cpu_seconds(), os.times()
        res.server_cpu = (cpu1 - cpu0) / wall
        res.bench_cpu = (times1.user + times1.system - times0.user - times0.system) / wall
        res.server_rss_mb = server.rss_mb()
        res.load1 = os.getloadavg()[0]
        res.sched_lag_p99 = pct(lags, 99)

        acked = dict(acks)
        received = dict(board_recv)
        res.sent = len(sends)
        for key, t_send in sends.items():
            if key not in acked:
                res.timeouts += 1
                continue
            t_ack, ok, error = acked[key]
            res.ack_lat.append(t_ack - t_send)
            if ok:
                res.ok += 1
                if key in received:
                    res.board_lat.append(received[key] - t_send)
                    if elsewhere[int(key.rsplit("-", 2)[1])]:
                        res.board_lat_other.append(received[key] - t_send)
                else:
                    res.missing += 1
            else:
                res.refused += 1
                res.refusals[error] = res.refusals.get(error, 0) + 1
        res.delivered = sum(1 for k in received if k in sends)
        res.echoes = echoes[0]
        return res
    finally:
        disconnect_all(clients)


def run_idempotency(server: Server, fresh: int, repeats: int) -> dict[str, Any]:
    """Idle server: ack time of fresh note:add versus a retry with an existing client_id."""
    session = create_session(server.url, 1)
    code = session["code"]
    on_board: list[str] = []
    board, board_ack, _ = connect_and_join(
        server.url, {"code": code, "role": "board"}, lambda d: on_board.append(d["note"]["text"])
    )
    phone, _, _ = connect_and_join(server.url, {"code": code, "name": "Herhaler"})
    activity_id = board_ack["state"]["activities"][0]["id"]
    out: dict[str, Any] = {"fresh": [], "duplicate": [], "dup_not_flagged": 0, "refused": 0}
    try:
        payloads = []
        for n in range(fresh + 3):
            payload = {"activity_id": activity_id, "client_id": str(uuid.uuid4()), "text": f"idem {n}"}
            t0 = time.perf_counter()
            ack = phone.call("note:add", payload, timeout=10)
            took = time.perf_counter() - t0
            if not ack.get("ok"):
                out["refused"] += 1
            elif n >= 3:  # the first three warm the server up
                out["fresh"].append(took)
            payloads.append(payload)
        for _round in range(repeats):
            for payload in payloads[3:]:
                t0 = time.perf_counter()
                ack = phone.call("note:add", payload, timeout=10)
                took = time.perf_counter() - t0
                if not ack.get("ok"):
                    out["refused"] += 1
                    continue
                out["duplicate"].append(took)
                if not ack.get("duplicate"):
                    out["dup_not_flagged"] += 1
        time.sleep(0.5)
        out["board_broadcasts"] = len(on_board)
        out["notes_stored"] = len(payloads)
        return out
    finally:
        disconnect_all([phone, board])


# --- reporting ------------------------------------------------------------------


def cpu_ticks() -> tuple[int, int]:
    """(stolen, all) CPU ticks of this machine so far, from /proc/stat; (0, 0) without it.
    A virtual machine shares its host: time the host takes ("steal") lengthens every
    measured task, in the server, the generator and the browser alike."""
    try:
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:9]]
    except (OSError, ValueError):
        return (0, 0)
    return fields[7], sum(fields)


def steal_percent(before: tuple[int, int], after: tuple[int, int]) -> float:
    """The share of the machine's CPU time the host took between two cpu_ticks()."""
    total = after[1] - before[1]
    return 100.0 * (after[0] - before[0]) / total if total > 0 else 0.0


def machine_info() -> dict[str, Any]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for pkg in ("flask", "flask-socketio", "python-socketio", "python-engineio", "eventlet", "websocket-client"):
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            versions[pkg] = "-"
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "app", "workforms", "run.py"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=10,
        )
        code = head.stdout.strip() + (" + uncommitted changes" if dirty.stdout.strip() else "")
    except (OSError, subprocess.SubprocessError):
        code = "unknown"
    return {
        "code": code,
        "nproc": len(os.sched_getaffinity(0)),
        "cpu": model,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "loadavg_start": os.getloadavg(),
        "versions": versions,
    }


def print_table(title: str, results: list[Result]) -> None:
    print(f"\n{title}")
    head = (
        f"{'scenario':<13}{'phones':>7}{'sent':>7}{'board':>7}{'ok/ref/to':>14}"
        f"{'board p50/p95/p99/max ms':>28}{'ack p50/p99 ms':>17}{'notes/s':>9}{'srv CPU':>9}{'gen CPU':>9}"
        f"{'gen lag p99':>12}{'load1':>7}"
    )
    print(head)
    print("-" * len(head))
    for r in results:
        oks = f"{r.ok}/{r.refused}/{r.timeouts}"
        lat = f"{ms(pct(r.board_lat, 50))}/{ms(pct(r.board_lat, 95))}/{ms(pct(r.board_lat, 99))}"
        lat += f"/{ms(max(r.board_lat, default=math.nan))}"
        ack = f"{ms(pct(r.ack_lat, 50))}/{ms(pct(r.ack_lat, 99))}"
        rate = r.delivered / r.seconds if r.seconds else 0
        print(
            f"{r.name:<13}{r.joined:>7}{r.sent:>7}{r.delivered:>7}{oks:>14}{lat:>28}{ack:>17}"
            f"{rate:>9.1f}{r.server_cpu * 100:>8.0f}%{r.bench_cpu * 100:>8.0f}%{ms(r.sched_lag_p99):>9} ms"
            f"{r.load1:>7.1f}"
        )
    print("\njoins (connect + join ack per phone; all phones of a scenario at once)")
    print(f"{'scenario':<13}{'phones':>7}{'failed':>8}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}{'all N s':>9}")
    for r in results:
        print(
            f"{r.name:<13}{r.joined:>7}{r.join_fail:>8}{ms(pct(r.join_times, 50)):>9}{ms(pct(r.join_times, 99)):>9}"
            f"{ms(max(r.join_times, default=math.nan)):>9}{r.join_wall:>9.2f}"
        )
    notes = []
    for r in results:
        if r.refusals:
            notes.append(f"{r.name}: refusals {r.refusals}")
        if r.missing or r.send_errors:
            notes.append(f"{r.name}: {r.missing} ok-acked notes never reached the board, {r.send_errors} send errors")
        if r.sched_lag_p99 > 0.05:
            notes.append(f"{r.name}: load generator fell behind (send lag p99 {ms(r.sched_lag_p99)} ms)")
    for line in notes:
        print("  ! " + line)


def print_idempotency(title: str, idem: dict[str, Any]) -> None:
    fresh, dup = idem["fresh"], idem["duplicate"]
    print(f"\n{title}")
    print(
        f"  fresh note:add ack      n={len(fresh):<4} p50 {ms(pct(fresh, 50))} ms  p99 {ms(pct(fresh, 99))} ms\n"
        f"  retry (same client_id)  n={len(dup):<4} p50 {ms(pct(dup, 50))} ms  p99 {ms(pct(dup, 99))} ms\n"
        f"  board got {idem['board_broadcasts']} note:added for {idem['notes_stored']} stored notes; "
        f"retries not flagged duplicate: {idem['dup_not_flagged']}; refused: {idem['refused']}"
    )


def parse_scenarios(text: str) -> list[tuple[int, float]]:
    out = []
    for item in text.split(","):
        phones, _, rate = item.strip().lower().partition("x")
        out.append((int(phones), float(rate or 1)))
        if out[-1][0] < 1 or out[-1][1] <= 0:
            raise argparse.ArgumentTypeError(f"bad scenario {item!r}: want PHONESxRATE, e.g. 50x1")
    return out


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--scenarios", default=DEFAULT_SCENARIOS, help=f"PHONESxRATE,... (default {DEFAULT_SCENARIOS})")
    p.add_argument("--seconds", type=float, default=10.0, help="posting time per scenario (default 10)")
    p.add_argument("--quick", action="store_true", help="smoke run of about 15 s: 10x1,50x1 for 4 s each, no floor")
    p.add_argument(
        "--floor",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="also run the scenarios against a bare python-socketio server (default: yes, except with --quick)",
    )
    p.add_argument("--async-mode", default="eventlet", help="passed to run.py (default eventlet)")
    p.add_argument("--run-py", default="run.py", help="launcher to start, relative to the repo (default run.py)")
    p.add_argument("--join-workers", type=int, default=50, help="phones joining at once (default 50)")
    p.add_argument("--join-timeout", type=float, default=60.0, help="limit for all joins of one scenario (s)")
    p.add_argument("--ack-timeout", type=float, default=10.0, help="drain time after the last send (s)")
    p.add_argument("--idem", type=int, default=15, help="fresh notes in the idempotency check (default 15)")
    p.add_argument("--idem-repeats", type=int, default=4, help="retries of each of those notes (default 4)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--gc-defaults", action="store_true", help="run the server with CPython's GC settings (compare)")
    p.add_argument(
        "--generator",
        choices=("node", "python"),
        default="node",
        help="node: bench/loadgen (socket.io-client, keeps up beyond 200 notes/s; default);\n"
        "python: sync python-socketio clients in threads (saturates near 200 notes/s)",
    )
    p.add_argument("--json", type=Path, help="also write all figures to this file")
    p.add_argument("--max-seconds", type=float, default=600.0, help="hard stop for the whole run (default 600)")
    args = p.parse_args(argv)
    if args.quick:
        args.scenarios, args.seconds, args.idem, args.idem_repeats = "10x1,50x1", 4.0, 5, 2
        args.max_seconds = min(args.max_seconds, 180.0)
    if args.floor is None:
        args.floor = not args.quick
    args.scenario_list = parse_scenarios(args.scenarios)
    return args


def run_suite(kind: str, workdir: Path, args: argparse.Namespace, servers: list[Server]) -> dict[str, Any]:
    server = Server(kind, workdir, args.async_mode, args.run_py, gc_defaults=args.gc_defaults)
    servers.append(server)
    print(f"\nstarting {kind} server on {server.url} ...", flush=True)
    server.start()
    try:
        idem = run_idempotency(server, args.idem, args.idem_repeats)
        results, windows = [], []
        for phones, rate in args.scenario_list:
            print(f"  {phones} phones x {rate:g} note/s for {args.seconds:g} s ...", flush=True)
            begun = time.time()
            results.append(scenario(server, phones, rate, args.seconds, args))
            windows.append((begun, time.time()))
            if server.proc.poll() is not None:
                raise RuntimeError(f"server died during the run:\n{server.tail()}")
        return {"server": kind, "idempotency": idem, "results": results, "gc": gc_passes(server, windows)}
    finally:
        server.stop()


def scenario(server: Server, phones: int, rate: float, seconds: float, args: argparse.Namespace) -> Result:
    """One scenario with the chosen load generator."""
    if getattr(args, "generator", "python") == "python":
        return run_scenario(server, phones, rate, seconds, args)
    import loadgen  # here: it imports this module

    code = loadgen.new_sessions([server.url], 1, phones, rate, seconds)[0]
    urls: list[str] = getattr(server, "phone_urls", None) or [server.url]
    planned = [loadgen.PlannedSession(code, server.url, urls, phones)]
    return loadgen.run_measured(
        server,
        planned,
        rate,
        seconds,
        seed=args.seed + phones,
        ack_timeout=args.ack_timeout,
        join_timeout=args.join_timeout,
    )


def gc_passes(server: Server, windows: list[tuple[float, float]]) -> list[dict[str, Any]]:
    """Per scenario: generation-2 collections and the longest pause of any generation."""
    path = getattr(server, "gc_log", None)
    if server.kind != "flipover" or path is None or not path.exists():
        return []
    lines = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    out = []
    for begun, ended in windows:
        inside = [g for g in lines if begun <= g["t"] <= ended]
        full = [g["ms"] for g in inside if g["gen"] == 2]
        out.append(
            {
                "gen2": len(full),
                "gen2_max_ms": max(full, default=0.0),
                "max_ms": max((g["ms"] for g in inside), default=0.0),
                "over_1ms": {gen: sum(1 for g in inside if g["gen"] == gen and g["ms"] >= 1) for gen in (0, 1, 2)},
            }
        )
    return out


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    servers: list[Server] = []
    tmp = Path(tempfile.mkdtemp(prefix="flipover-bench-"))

    def cleanup() -> None:
        for s in servers:
            s.stop()
        shutil.rmtree(tmp, ignore_errors=True)

    def hard_stop() -> None:
        print(f"\nbench: hard stop after {args.max_seconds:.0f} s", file=sys.stderr, flush=True)
        cleanup()
        os._exit(3)

    watchdog = threading.Timer(args.max_seconds, hard_stop)
    watchdog.daemon = True
    watchdog.start()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    info = machine_info()
    t_start = time.perf_counter()
    print(
        f"machine: {info['nproc']} CPUs ({info['cpu']}), Python {info['python']}, {info['platform']}\n"
        f"code: {info['code']}\n"
        f"load average at start: {' '.join(f'{x:.2f}' for x in info['loadavg_start'])}\n"
        f"versions: {', '.join(f'{k} {v}' for k, v in info['versions'].items())}\n"
        f"scenarios: {args.scenarios}, {args.seconds:g} s each"
    )
    suites = []
    try:
        for kind in ["flipover", "floor"] if args.floor else ["flipover"]:
            suites.append(run_suite(kind, tmp, args, servers))
    finally:
        cleanup()
    for suite in suites:
        name = "floor (bare python-socketio)"
        if suite["server"] == "flipover":
            name = f"Flipover ({args.run_py}, {args.async_mode})"
        print_table(f"== {name}: latency = phone send -> board receives note:added ==", suite["results"])
        if suite.get("gc"):
            print("garbage collector in the server (app/gcwatch.py): per scenario")
            for (phones, rate), gc_ in zip(args.scenario_list, suite["gc"], strict=False):
                print(
                    f"  {phones} x {rate:g}/s: {gc_['gen2']} generation-2 passes, longest {gc_['gen2_max_ms']:.1f} ms;"
                    f" longest pause of any generation {gc_['max_ms']:.1f} ms;"
                    f" passes of 1 ms or more per generation {gc_['over_1ms']}"
                )
        print_idempotency(f"idempotency on an idle server ({suite['server']})", suite["idempotency"])
    info["loadavg_end"] = os.getloadavg()
    print(f"\nload average at end: {' '.join(f'{x:.2f}' for x in info['loadavg_end'])}")
    print(f"total run time {time.perf_counter() - t_start:.0f} s")
    if args.json:
        data = {
            "machine": info,
            "args": {k: v for k, v in vars(args).items() if k not in ("json", "scenario_list")},
            "suites": [
                {
                    "server": s["server"],
                    "idempotency": {
                        k: ({"n": len(v), "p50": pct(v, 50), "p99": pct(v, 99)} if isinstance(v, list) else v)
                        for k, v in s["idempotency"].items()
                    },
                    "results": [r.summary() for r in s["results"]],
                }
                for s in suites
            ],
        }
        args.json.write_text(json.dumps(data, indent=2, default=str))
        print(f"figures written to {args.json}")
    watchdog.cancel()
    return 0


if __name__ == "__main__":
    sys.exit(main())
