#!/usr/bin/env python3
"""Soak: does one process give its memory back after busy hours? (issue 22)

One ``run.py`` (eventlet) on 127.0.0.1 with a throw-away database, then ROUNDS rounds of:
SESSIONS sessions x PHONES phones (and a board each) joining, posting at RATE notes/s for
SECONDS, leaving, and the facilitator deleting the session. The load comes from the Node
generator (``bench/loadgen.py``). After each round, once the server is idle: its RSS
(``/proc``), the live Python objects the collector tracks (``SIGUSR1``, ``app/gcwatch.py``),
and the generation-2 collections of the round with the longest pause.

Goals: RSS after the last round within 15 % of after round 2 (round 1 fills caches and
pools that stay); the object count flat. Run: ``.venv/bin/python bench/soak.py``
(about 6 minutes; ``--quick`` for a smoke run).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import loadgen
from latency import Server, create_session, machine_info, ms, pct


def delete_session(url: str, session: dict[str, Any]) -> None:
    request = urllib.request.Request(
        f"{url}/api/sessions/{session['code']}",
        method="DELETE",
        headers={"Authorization": f"Bearer {session['facilitator_token']}"},
    )
    with urllib.request.urlopen(request, timeout=30) as res:
        res.read()


def gc_lines(server: Server) -> list[dict[str, Any]]:
    path = server.gc_log
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def object_count(server: Server, timeout: float = 10.0) -> int:
    """Ask the server (SIGUSR1) for its tracked objects and wait for the answer in its GC log."""
    before = sum(1 for line in gc_lines(server) if "objects" in line)
    assert server.proc is not None
    os.kill(server.proc.pid, signal.SIGUSR1)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        counts = [line["objects"] for line in gc_lines(server) if "objects" in line]
        if len(counts) > before:
            return counts[-1]
        time.sleep(0.1)
    raise RuntimeError("the server did not report its objects (is FLIPOVER_GC_LOG on?)")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rounds", type=int, default=10)
    p.add_argument("--sessions", type=int, default=50)
    p.add_argument("--phones", type=int, default=20, help="phones per session")
    p.add_argument("--rate", type=float, default=0.2, help="notes per second per phone")
    p.add_argument("--seconds", type=float, default=15.0, help="posting time per round")
    p.add_argument("--shards", type=int, default=2, help="Node generator processes")
    p.add_argument("--settle", type=float, default=5.0, help="idle seconds before measuring (the trim comes at 3 s)")
    p.add_argument("--quick", action="store_true", help="smoke run: 3 rounds of 5 sessions x 10 phones, 5 s")
    p.add_argument("--json", type=Path, help="also write the figures to this file")
    args = p.parse_args()
    if args.quick:
        args.rounds, args.sessions, args.phones, args.seconds = 3, 5, 10, 5.0
    info = machine_info()
    print(f"machine: {info['nproc']} CPUs ({info['cpu']}), Python {info['python']}\ncode: {info['code']}")
    print(
        f"{args.rounds} rounds of {args.sessions} sessions x {args.phones} phones at {args.rate:g} note/s "
        f"for {args.seconds:g} s; load average at start {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    rows = []
    with tempfile.TemporaryDirectory(prefix="flipover-soak-") as tmp:
        server = Server("flipover", Path(tmp), "eventlet")
        server.start()
        try:
            base = {"rss_mb": server.rss_mb(), "objects": object_count(server)}
            activities = loadgen.activities_for(args.rate, args.seconds)  # room for every phone's notes
            print(f"after start-up: RSS {base['rss_mb']:.0f} MB, {base['objects']:,} tracked objects")
            head = f"{'round':>5}{'joined':>8}{'notes':>7}{'board p99':>11}{'gen2':>6}{'longest':>9}{'RSS MB':>8}"
            print(head + f"{'objects':>10}")
            for n in range(1, args.rounds + 1):
                began = time.time()
                sessions = [create_session(server.url, activities) for _ in range(args.sessions)]
                planned = [loadgen.PlannedSession(s["code"], server.url, [server.url], args.phones) for s in sessions]
                res = loadgen.run_measured(server, planned, args.rate, args.seconds, shards=args.shards, seed=n)
                for session in sessions:
                    delete_session(server.url, session)
                time.sleep(args.settle)
                # Up to now: the full collection the object count asks for is the bench's, not the round's.
                ended = time.time()
                passes = [g for g in gc_lines(server) if "gen" in g and began <= g["t"] < ended]
                full = [g["ms"] for g in passes if g["gen"] == 2]
                row = {
                    "round": n,
                    "joined": res.joined,
                    "join_fail": res.join_fail,
                    "notes": res.delivered,
                    "lost": res.missing + res.timeouts,
                    "board_p99": pct(res.board_lat, 99),
                    "gen2": len(full),
                    "gen2_max_ms": max(full, default=0.0),
                    "max_pause_ms": max((g["ms"] for g in passes), default=0.0),
                    "rss_mb": server.rss_mb(),
                    "objects": object_count(server),
                }
                rows.append(row)
                print(
                    f"{n:>5}{row['joined']:>8}{row['notes']:>7}{ms(row['board_p99']):>8} ms{row['gen2']:>6}"
                    f"{row['gen2_max_ms']:>6.0f} ms{row['rss_mb']:>8.0f}{row['objects']:>10,}"
                )
        finally:
            server.stop()
    verdict = {}
    if len(rows) >= 2:
        second, last = rows[1], rows[-1]
        verdict = {
            "rss_growth_after_round_2": last["rss_mb"] / second["rss_mb"] - 1,
            "objects_growth_after_round_2": last["objects"] / second["objects"] - 1,
        }
        print(
            f"\nafter round 2 -> after round {last['round']}: RSS {second['rss_mb']:.0f} -> {last['rss_mb']:.0f} MB "
            f"({verdict['rss_growth_after_round_2']:+.1%}; goal within 15 %), objects {second['objects']:,} -> "
            f"{last['objects']:,} ({verdict['objects_growth_after_round_2']:+.1%})"
        )
    lost = sum(r["lost"] + r["join_fail"] for r in rows)
    if lost:
        print(f"! {lost} notes or joins lost over the run")
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "base": base, "rounds": rows, **verdict}, indent=2))
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
