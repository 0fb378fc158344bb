"""The Node load generator (bench/loadgen/loadgen.mjs), for the latency and scale-out benchmarks.

One Python process of sync socket.io clients saturates at about 200 notes/s on this machine, so
it could not see the server's own tail (issue 22). This runs the phones and boards in Node
(socket.io-client), split over ``shards`` processes by session, and merges what they measured
into a ``latency.Result``: board and ack latencies, refusals and losses, joins, and the
generator's own CPU and send lag (``problems()`` prints a saturated generator).

``ensure_installed()`` runs ``npm ci`` in ``bench/loadgen`` once (socket.io-client, pinned in
its ``package-lock.json``); it needs Node.js and npm (Debian: ``apt-get install nodejs npm``).
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from latency import MAX_NOTES_PER_ACTIVITY, Result, create_session

HERE = Path(__file__).resolve().parent / "loadgen"


@dataclass
class PlannedSession:
    code: str
    board_url: str
    phone_urls: list[str]  # phone i joins phone_urls[i % len]
    phones: int

    def plan(self) -> dict[str, Any]:
        return {"code": self.code, "board_url": self.board_url, "phone_urls": self.phone_urls, "phones": self.phones}


def ensure_installed() -> None:
    if shutil.which("node") is None or shutil.which("npm") is None:
        raise RuntimeError("the Node load generator needs node and npm (apt-get install nodejs npm)")
    if not (HERE / "node_modules" / "socket.io-client").is_dir():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=HERE, check=True, timeout=300)


def activities_for(rate: float, seconds: float) -> int:
    """Open note surfaces a session needs for ``rate × seconds`` notes per phone (20 per person each)."""
    per_phone = math.ceil(rate * seconds) + 1
    return max(1, math.ceil(per_phone / MAX_NOTES_PER_ACTIVITY))


def new_sessions(url_of: list[str], sessions: int, phones: int, rate: float, seconds: float) -> list[str]:
    """``sessions`` sessions with room for every phone's notes; session i is created on
    ``url_of[i % len]``. Returns their codes."""
    activities = activities_for(rate, seconds)
    return [create_session(url_of[i % len(url_of)], activities)["code"] for i in range(sessions)]


def run(
    sessions: list[PlannedSession],
    rate: float,
    seconds: float,
    *,
    shards: int = 1,
    seed: int = 1,
    ack_timeout: float = 10.0,
    join_timeout: float = 60.0,
    on_mark: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Drive ``sessions`` from ``shards`` Node processes (sessions dealt round-robin); the merged
    figures (latencies in ms). ``on_mark("start")`` runs when the first shard starts posting,
    ``on_mark("end")`` when the last has drained: the window to measure the server's CPU over."""
    ensure_installed()
    shards = max(1, min(shards, len(sessions)))
    with tempfile.TemporaryDirectory(prefix="flipover-loadgen-") as tmp:
        procs = []
        for n in range(shards):
            plan = {
                "sessions": [s.plan() for s in sessions[n::shards]],
                "rate": rate,
                "seconds": seconds,
                "seed": seed + n,
                "ack_timeout_ms": ack_timeout * 1000,
                "join_timeout_ms": join_timeout * 1000,
                "notes_per_activity": MAX_NOTES_PER_ACTIVITY,
                "join_concurrency": 50,
            }
            path = Path(tmp) / f"plan-{n}.json"
            path.write_text(json.dumps(plan))
            procs.append(
                subprocess.Popen(
                    ["node", str(HERE / "loadgen.mjs"), str(path)],
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                    cwd=HERE,
                )
            )
        marks = {"start": 0, "end": 0}
        lock = threading.Lock()

        def relay(proc: subprocess.Popen[str]) -> None:
            assert proc.stderr is not None
            for line in proc.stderr:
                if line.startswith("MARK "):
                    mark = line.split()[1]
                    with lock:
                        marks[mark] += 1
                        # The first start and the last end bound the window of all shards.
                        due = (mark == "start" and marks[mark] == 1) or (mark == "end" and marks[mark] == shards)
                    if due and on_mark is not None:
                        on_mark(mark)
                else:
                    sys.stderr.write(line)

        relays = [threading.Thread(target=relay, args=(proc,), daemon=True) for proc in procs]
        for thread in relays:
            thread.start()
        stdouts: list[str] = [""] * len(procs)

        def collect(n: int) -> None:
            stdout = procs[n].stdout
            assert stdout is not None
            stdouts[n] = stdout.read()  # stderr is the relay's

        readers = [threading.Thread(target=collect, args=(n,), daemon=True) for n in range(len(procs))]
        for thread in readers:
            thread.start()
        deadline = time.monotonic() + join_timeout + seconds + ack_timeout + 60
        try:
            for proc in procs:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
                if proc.returncode != 0:
                    raise RuntimeError(f"the load generator failed (exit {proc.returncode})")
        finally:
            for proc in procs:  # a hung or failed shard must not leave the others running
                if proc.poll() is None:
                    proc.kill()
                    proc.wait(5)
        for thread in (*readers, *relays):
            thread.join(5)
        outs = [json.loads(out.strip().splitlines()[-1]) for out in stdouts]
    return merge(outs)


def merge(outs: list[dict[str, Any]]) -> dict[str, Any]:
    merged: dict[str, Any] = {"shards": len(outs), "refusals": {}, "join_errors": []}
    for key in ("joined", "join_fail", "sent", "ok", "refused", "timeouts", "missing", "delivered", "send_errors"):
        merged[key] = sum(o.get(key, 0) for o in outs)
    for key in ("board_ms", "other_ms", "ack_ms", "join_ms"):
        merged[key] = [v for o in outs for v in o.get(key, [])]
    for o in outs:
        for error, n in o.get("refusals", {}).items():
            merged["refusals"][error] = merged["refusals"].get(error, 0) + n
        merged["join_errors"] += o.get("join_errors", [])
    merged["generator_cpu"] = sum(o.get("generator_cpu", 0.0) for o in outs)
    merged["send_lag_p99_ms"] = max((o.get("send_lag_p99_ms", 0.0) for o in outs), default=0.0)
    merged["send_lag_max_ms"] = max((o.get("send_lag_max_ms", 0.0) for o in outs), default=0.0)
    merged["wall_ms"] = max((o.get("wall_ms", 0.0) for o in outs), default=0.0)
    merged["join_wall_ms"] = max((o.get("join_wall_ms", 0.0) for o in outs), default=0.0)
    merged["send_window_ms"] = max((o.get("send_window_ms", 0.0) for o in outs), default=0.0)
    return merged


def run_measured(server: Any, sessions: list[PlannedSession], rate: float, seconds: float, **kwargs: Any) -> Result:
    """:func:`run` with the server's CPU share measured over the posting window (``server`` has
    ``cpu_seconds()``, and ``rss_mb()``); the figures as a ``Result``."""
    cpu: dict[str, float] = {}
    clock: dict[str, float] = {}

    def mark(name: str) -> None:
        cpu[name], clock[name] = server.cpu_seconds(), time.perf_counter()

    figures = run(sessions, rate, seconds, on_mark=mark, **kwargs)
    phones = sum(s.phones for s in sessions)
    name = f"{phones} x {rate:g}/s" + (f" in {len(sessions)} sessions" if len(sessions) > 1 else "")
    res = to_result(name, phones, rate, seconds, figures)
    if "start" in cpu and "end" in cpu and clock["end"] > clock["start"]:
        res.server_cpu = (cpu["end"] - cpu["start"]) / (clock["end"] - clock["start"])
    res.server_rss_mb = server.rss_mb()
    res.load1 = os.getloadavg()[0]
    return res


def to_result(name: str, phones: int, rate: float, seconds: float, figures: dict[str, Any]) -> Result:
    """The merged figures as latency.py's ``Result`` (seconds), for its tables and JSON."""
    res = Result(name=name, phones=phones, rate=rate, seconds=seconds)
    res.joined, res.join_fail = figures["joined"], figures["join_fail"]
    res.join_times = [v / 1000 for v in figures["join_ms"]]
    res.join_wall = figures["join_wall_ms"] / 1000
    res.sent, res.ok, res.refused = figures["sent"], figures["ok"], figures["refused"]
    res.timeouts, res.missing, res.delivered = figures["timeouts"], figures["missing"], figures["delivered"]
    res.refusals = dict(figures["refusals"])
    res.board_lat = [v / 1000 for v in figures["board_ms"]]
    res.board_lat_other = [v / 1000 for v in figures["other_ms"]]
    res.ack_lat = [v / 1000 for v in figures["ack_ms"]]
    res.send_window = figures["send_window_ms"] / 1000
    res.sched_lag_p99 = figures["send_lag_p99_ms"] / 1000
    res.bench_cpu = figures["generator_cpu"]
    return res
