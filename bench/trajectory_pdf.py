#!/usr/bin/env python3
"""Trajectory report benchmark: a trajectory of several meetings -> trajectory PDF and case-study times.

Each meeting is built like bench/report_pdf.py's session (trots activities, notes from
25 phones) inside one trajectory, through the real app (a throw-away SQLite file, the
threading test client: no network). Times ``GET /api/trajectories/<id>/report.pdf``
and ``GET /api/trajectories/<id>/casestudy`` end to end. No target in an issue; the
session report's (under 2 s) is the yardstick.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from report_pdf import bench_app, build


def timed(client, url: str, runs: int) -> tuple[list[float], bytes]:
    times, body = [], b""
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, response.status_code
        body = response.data
    return times, body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=4)
    parser.add_argument("--notes", type=int, default=500, help="notes per meeting")
    parser.add_argument("--activities", type=int, default=8, help="activities per meeting")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = bench_app(tmp)
        leader = app.test_client()  # keeps the home key, so it may read the trajectory
        trajectory = leader.post("/api/trajectories", json={"name": "Benchmark"}).get_json()
        for n in range(args.meetings):
            title = f"Bijeenkomst {n + 1}"
            build(app, args.notes, args.activities, client=leader, trajectory=trajectory["id"], title=title)
        base = f"/api/trajectories/{trajectory['id']}"
        report, pdf = timed(leader, f"{base}/report.pdf", args.runs)
        case, _ = timed(leader, f"{base}/casestudy", args.runs)
        pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
        app.extensions["flipover.store"].close()
    total = args.meetings * args.notes
    print(f"machine: {platform.machine()} {platform.processor() or ''} Python {platform.python_version()}")
    print(f"trajectory: {args.meetings} meetings x {args.activities} activities, {total} notes, {args.runs} runs")
    print(f"  GET report.pdf   median {statistics.median(report) * 1000:7.0f} ms   max {max(report) * 1000:7.0f} ms")
    print(f"  GET casestudy    median {statistics.median(case) * 1000:7.0f} ms   max {max(case) * 1000:7.0f} ms")
    print(f"  size {len(pdf) / 1024:.0f} KiB, {pages} pages")


if __name__ == "__main__":
    main()
