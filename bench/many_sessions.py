#!/usr/bin/env python3
"""Many sessions on one process: S sessions x P phones (default 50 x 20), one board each.

A regional host runs many workshops at once. This starts the real server
(run.py, eventlet) on 127.0.0.1 with a throw-away database, creates S sessions,
joins a board and P phones to each (sync python-socketio clients, websocket),
lets every phone post at RATE notes/s for SECONDS, and measures, per note, the
time from the phone's send to its own session's board receiving it. Printed:
p50/p95/p99 board latency over all sessions, notes/s, server CPU and RSS.
Targets (issue 8): p99 under 250 ms, RSS under 300 MB.

All traffic stays on loopback, every loop is bounded, the server is stopped.
"""

from __future__ import annotations

import argparse
import heapq
import os
import random
import shutil
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from latency import Server, connect_and_join, create_session, machine_info, ms, parallel, pct


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sessions", type=int, default=50)
    p.add_argument("--phones", type=int, default=20, help="phones per session")
    p.add_argument("--rate", type=float, default=0.1, help="notes per second per phone (default 0.1)")
    p.add_argument("--seconds", type=float, default=20.0)
    p.add_argument("--join-workers", type=int, default=40)
    p.add_argument("--max-seconds", type=float, default=600.0)
    args = p.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="flipover-many-"))
    server = Server("flipover", tmp, "eventlet")
    watchdog = threading.Timer(args.max_seconds, lambda: (server.stop(), os._exit(3)))
    watchdog.daemon = True
    watchdog.start()
    info = machine_info()
    print(f"machine: {info['nproc']} CPUs ({info['cpu']}), Python {info['python']}; code {info['code']}")
    print(
        f"{args.sessions} sessions x {args.phones} phones + 1 board each, {args.rate:g} note/s per phone, "
        f"{args.seconds:g} s"
    )
    clients: list[Any] = []
    try:
        server.start()
        rss_idle = server.rss_mb()
        received: dict[str, float] = {}

        def on_board(data: dict[str, Any]) -> None:
            text = (data.get("note") or {}).get("text") or ""
            if text.startswith("bench "):
                received.setdefault(text[6:], time.perf_counter())

        sessions = [create_session(server.url, 1) for _ in range(args.sessions)]
        boards = parallel(
            lambda s: connect_and_join(server.url, {"code": s["code"], "role": "board"}, on_board),
            sessions,
            workers=args.join_workers,
            timeout=120,
        )
        activity = {s["code"]: b[1]["state"]["activities"][0]["id"] for s, b in zip(sessions, boards, strict=True)}
        clients += [b[0] for b in boards]
        t0 = time.perf_counter()
        pairs = [(s["code"], i) for s in sessions for i in range(args.phones)]
        joined = parallel(
            lambda pair: connect_and_join(server.url, {"code": pair[0], "name": f"T{pair[1]}"}),
            pairs,
            workers=args.join_workers,
            timeout=300,
        )
        join_wall = time.perf_counter() - t0
        phones = [(pair[0], j[0]) for pair, j in zip(pairs, joined, strict=True) if not isinstance(j, BaseException)]
        clients += [c for _, c in phones]
        failed_joins = len(pairs) - len(phones)
        for reason in {repr(j)[:120] for j in joined if isinstance(j, BaseException)}:
            print(f"  join failed: {reason}")
        rss_joined = server.rss_mb()
        print(f"joined {len(phones)} phones in {join_wall:.1f} s ({failed_joins} failed); RSS {rss_joined:.0f} MB")

        sends: dict[str, float] = {}
        acks: dict[str, bool] = {}
        rng = random.Random(1)
        period = 1 / args.rate
        start = time.perf_counter() + 0.5
        end = start + args.seconds
        heap = [(start + rng.uniform(0, period), i, 0) for i in range(len(phones))]
        heapq.heapify(heap)
        cpu0 = server.cpu_seconds()
        while heap:
            due, i, seq = heapq.heappop(heap)
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            code, client = phones[i]
            key = f"{code}-{i}-{seq}"
            sends[key] = time.perf_counter()
            client.emit(
                "note:add",
                {"activity_id": activity[code], "client_id": str(uuid.uuid4()), "text": f"bench {key}"},
                callback=lambda resp=None, *_r, k=key: acks.setdefault(k, isinstance(resp, dict) and resp.get("ok")),
            )
            if due + period < end:
                heapq.heappush(heap, (due + period, i, seq + 1))
        deadline = time.perf_counter() + 15
        while time.perf_counter() < deadline and not (len(acks) >= len(sends) and all(k in received for k in sends)):
            time.sleep(0.05)
        wall = time.perf_counter() - start
        cpu = (server.cpu_seconds() - cpu0) / wall
        rss_end = server.rss_mb()
        lat = [received[k] - t for k, t in sends.items() if k in received]
        ok = sum(1 for v in acks.values() if v)
        print(
            f"sent {len(sends)}, acked ok {ok}, refused {len(acks) - ok}, no ack {len(sends) - len(acks)}, "
            f"on board {len(lat)}"
        )
        print(
            f"board latency p50 {ms(pct(lat, 50))} / p95 {ms(pct(lat, 95))} / p99 {ms(pct(lat, 99))} ms "
            f"(max {ms(max(lat, default=float('nan')))}); {len(sends) / args.seconds:.0f} notes/s"
        )
        print(
            f"server CPU {cpu:.2f} cores; RSS idle {rss_idle:.0f} MB, joined {rss_joined:.0f} MB, "
            f"end {rss_end:.0f} MB   targets: p99 < 250 ms, RSS < 300 MB"
        )
        print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        parallel(lambda c: c.disconnect(), clients, workers=50, timeout=60)
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)
        watchdog.cancel()
    return 0


if __name__ == "__main__":
    sys.exit(main())
