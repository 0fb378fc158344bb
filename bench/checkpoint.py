#!/usr/bin/env python3
"""What a note's commit costs, with SQLite checkpointing in the commits or on a thread.

Under eventlet a note's store call runs on the event loop: while it takes, no other note,
ack or board update moves. In WAL mode SQLite copies the log back into the database file
inside the commit that crosses 1,000 pages; ``app/checkpoint.py`` moves that copy to a
thread of its own. This posts NOTES notes at RATE per second through the app's own
``notes.add_note`` on a real SQLite file, once per way, and prints each way's store time
per note (p50/p99/max), how many took 2 ms or more, and the checkpoints done.

Run: ``.venv/bin/python bench/checkpoint.py`` (about 45 s).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import notes, sessions
from app.db import Store
from app.registry import discover

TEXT = "Samen de telefonische bereikbaarheid verbeteren: terugbelverzoeken binnen twee uur"


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def run(path: Path, *, background: bool, count: int, rate: float, phones: int) -> dict[str, Any]:
    store = Store(path)
    if background:
        store.checkpoint_in_background()
    try:
        agenda = [{"workform": "trots", "phase": "plakken", "config": {"notes_per_participant": 20}}]
        agenda *= -(-count // (phones * 20))  # enough items for every note within the per-person limit
        session, _token = sessions.create_session(store, discover(), title="Bench", agenda=agenda)
        code = session["code"]
        activities = [a["id"] for a in sessions.list_activities(store, code)]
        people = [sessions.join_participant(store, code, token=None, name=f"P{i}")[0]["id"] for i in range(phones)]
        took: list[float] = []
        start = time.perf_counter()
        for i in range(count):
            due = start + i / rate
            pause = due - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
            t0 = time.perf_counter()
            notes.add_note(
                store,
                code=code,
                activity_id=activities[i // (phones * 20)],
                participant_id=people[i % phones],
                client_id=str(uuid.uuid4()),
                text=f"{TEXT} ({i})",
                category=None,
                data={},
            )
            took.append((time.perf_counter() - t0) * 1000)
        worker = store.checkpointer
        return {
            "p50": pct(took, 0.5),
            "p99": pct(took, 0.99),
            "max": max(took),
            "over_2ms": sum(1 for t in took if t >= 2),
            "total_ms": sum(took),
            "thread_checkpoints": worker.runs if worker else 0,
        }
    finally:
        store.close()


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--notes", type=int, default=4000)
    p.add_argument("--rate", type=float, default=200.0, help="notes per second (default 200)")
    p.add_argument("--phones", type=int, default=200)
    p.add_argument("--rounds", type=int, default=2, help="alternating runs of each way (default 2)")
    p.add_argument("--json", type=Path)
    args = p.parse_args()
    results: dict[str, list[dict[str, Any]]] = {"in the commits": [], "on a thread": []}
    print(f"{args.notes} notes at {args.rate:g}/s, {args.phones} phones; store time per note on the event loop")
    print(f"{'checkpoints':<16} {'p50 ms':>7} {'p99 ms':>7} {'max ms':>7} {'>=2 ms':>7} {'thread runs':>12}")
    for _round in range(args.rounds):
        for way in results:
            with tempfile.TemporaryDirectory(prefix="flipover-ckpt-") as tmp:
                r = run(
                    Path(tmp) / "bench.db",
                    background=way == "on a thread",
                    count=args.notes,
                    rate=args.rate,
                    phones=args.phones,
                )
            results[way].append(r)
            print(
                f"{way:<16} {r['p50']:>7.2f} {r['p99']:>7.2f} {r['max']:>7.2f} {r['over_2ms']:>7}"
                f" {r['thread_checkpoints']:>12}"
            )
    if args.json:
        args.json.write_text(json.dumps({"args": vars(args) | {"json": None}, "results": results}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
