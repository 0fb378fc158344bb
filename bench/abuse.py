#!/usr/bin/env python3
"""Abuse benchmark (issue 18): what one client with a session of its own can do to everyone else.

Starts the real server (``run.py``, eventlet) on 127.0.0.1 on a free port with a
throw-away database, and prints three figures:

1. **Another meeting's latency under large reports**: the attacker's session holds
   4,000 notes (written into the database beforehand through the app itself, as
   ``bench/report_pdf.py`` does; the phones' rate limit does not apply there), then
   asks for ``GET report.pdf`` 4× in parallel while 6 phones of another meeting post
   ``note:add`` (10 notes/s in all). Printed: the victim's ack p50/p99/max, next to
   the same phones on the idle server. Goal: p99 < 100 ms.
2. **Server memory under picture uploads**: on a fresh server, 3 clients (a session
   each) upload 10 pictures of the maximum size (6320×6320 PNG, ~40 MP, ~130 KB on
   the wire) at once. Printed: the server process's peak RSS (``VmHWM``) and its RSS
   afterwards. Goal: peak < 500 MB.
3. **Session creation from one address**: ``POST /api/sessions`` as fast as one client
   can for at most ``--seconds``; printed: sessions per second until the first answer
   that is not 2xx (or "never refused").

Every loop is bounded and every server is stopped (SIGTERM to its process group).
``.venv/bin/python bench/abuse.py`` (~2 min); ``--quick`` for a smaller smoke run.
"""

from __future__ import annotations

import argparse
import io
import json
import platform
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import requests
import socketio
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from latency import OPEN_TROTS, Server, pct  # noqa: E402  (the same server harness as the latency benchmark)
from report_pdf import build  # noqa: E402  (the same 8-activity session of N notes)

MAX_SIDE = 6320  # 6320² = 39.9 MP, just under the upload's 40 MP limit


def status_mb(server: Server, field: str) -> float:
    for line in Path(f"/proc/{server.proc.pid}/status").read_text().splitlines():  # type: ignore[union-attr]
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def new_session(url: str, agenda: list[Any]) -> dict[str, Any]:
    answer = requests.post(url + "/api/sessions", json={"title": "Bench", "agenda": agenda}, timeout=30)
    answer.raise_for_status()
    return answer.json()


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}" if seconds >= 0.01 else f"{seconds * 1000:.1f}"


# --- 1. another meeting's latency while large reports render ------------------------


class Victim:
    """Phones of another meeting posting note:add round-robin; their ack times."""

    def __init__(self, url: str, phones: int = 6) -> None:
        code = new_session(url, [OPEN_TROTS])["code"]
        self.phones: list[socketio.Client] = []
        for i in range(phones):
            phone = socketio.Client(reconnection=False)
            phone.connect(url, transports=["websocket"], wait_timeout=10)
            ack = phone.call("join", {"code": code, "role": "participant", "name": f"P{i}"}, timeout=10)
            self.activity_id = ack["state"]["activities"][0]["id"]
            self.phones.append(phone)
        self.sent = 0

    def post_while(self, busy: Any, seconds: float | None = None, interval: float = 0.1) -> list[float]:
        latencies: list[float] = []
        end = time.monotonic() + (seconds or 3600)
        while busy() and time.monotonic() < end:
            payload = {"activity_id": self.activity_id, "client_id": str(uuid.uuid4()), "text": f"n{self.sent}"}
            started = time.perf_counter()
            self.phones[self.sent % len(self.phones)].call("note:add", payload, timeout=120)
            latencies.append(time.perf_counter() - started)
            self.sent += 1
            time.sleep(interval)
        return latencies

    def close(self) -> None:
        for phone in self.phones:
            phone.disconnect()


def reports_figure(workdir: Path, notes: int, reports: int) -> dict[str, Any]:
    db = workdir / "reports.db"
    seeding = bench_app_on(workdir, db)
    started = time.perf_counter()
    attacker = build(seeding, notes, 8)
    seeding.extensions["flipover.store"].close()
    print(f"  seeded {notes} notes in {time.perf_counter() - started:.0f} s", flush=True)
    server = Server("flipover", workdir, "eventlet", db=db)
    victim: Victim | None = None
    try:
        server.start()
        victim = Victim(server.url)
        idle = victim.post_while(lambda: True, seconds=3)
        statuses: list[int] = []

        def fetch() -> None:
            try:
                answer = requests.get(
                    f"{server.url}/api/sessions/{attacker['code']}/report.pdf",
                    headers={"Authorization": f"Bearer {attacker['facilitator_token']}"},
                    timeout=120,  # before this change a report could hang for good: counted as -1
                )
                statuses.append(answer.status_code)
            except requests.RequestException:
                statuses.append(-1)

        threads = [threading.Thread(target=fetch, daemon=True) for _ in range(reports)]
        started, cpu = time.perf_counter(), server.cpu_seconds()
        for thread in threads:
            thread.start()
        loaded = victim.post_while(lambda: any(t.is_alive() for t in threads))
        wall = time.perf_counter() - started
        cpu = server.cpu_seconds() - cpu  # the server process alone (the children are not in it)
        for thread in threads:
            thread.join(5)
        return {
            "notes": notes,
            "reports": reports,
            "report_statuses": sorted(statuses),
            "reports_wall_s": round(wall, 1),
            "server_cpu_s": round(cpu, 2),
            "idle_p50_ms": pct(idle, 50) * 1000,
            "idle_p99_ms": pct(idle, 99) * 1000,
            "loaded_acks": len(loaded),
            "loaded_p50_ms": pct(loaded, 50) * 1000,
            "loaded_p99_ms": pct(loaded, 99) * 1000,
            "loaded_max_ms": max(loaded) * 1000 if loaded else float("nan"),
            "server_peak_rss_mb": status_mb(server, "VmHWM"),
        }
    finally:
        if victim:
            victim.close()
        server.stop()


def bench_app_on(workdir: Path, db: Path):
    """As report_pdf's app (no rate limit), on the database the server will open afterwards."""
    from app import create_app

    return create_app(
        {
            "INSTANCE_DIR": str(workdir),
            "DATABASE": str(db),
            "EXPORTS_DIR": str(workdir / "exports"),
            "SECRET_KEY": "bench",
            "ASYNC_MODE": "threading",
            "RATE_BURST": 10**9,
            "SESSION_MAX_NOTES": 10**9,  # the benchmark measures reports larger than one meeting may hold
        }
    )


# --- 2. server memory while pictures of the maximum size are uploaded ---------------


def max_size_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (MAX_SIDE, MAX_SIDE), "teal").save(out, "PNG")
    return out.getvalue()


def uploads_figure(workdir: Path, clients: int, files: int) -> dict[str, Any]:
    raw = max_size_png()
    server = Server("flipover", workdir, "eventlet")
    try:
        server.start()
        sessions = [new_session(server.url, ["kennismaken"]) for _ in range(clients)]
        baseline = status_mb(server, "VmRSS")
        statuses: list[int] = []

        def upload(session: dict[str, Any]) -> None:
            try:
                answer = requests.post(
                    f"{server.url}/api/sessions/{session['code']}/cards",
                    files=[("files", (f"kaart{i}.png", raw, "image/png")) for i in range(files)],
                    headers={"Authorization": f"Bearer {session['facilitator_token']}"},
                    timeout=600,
                )
                statuses.append(answer.status_code)
            except requests.RequestException:
                statuses.append(-1)

        threads = [threading.Thread(target=upload, args=(s,), daemon=True) for s in sessions]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(900)
        wall = time.perf_counter() - started
        return {
            "clients": clients,
            "files_each": files,
            "file_kb": round(len(raw) / 1024),
            "statuses": sorted(statuses),
            "wall_s": round(wall, 1),
            "baseline_rss_mb": baseline,
            "peak_rss_mb": status_mb(server, "VmHWM"),
            "after_rss_mb": status_mb(server, "VmRSS"),
        }
    finally:
        server.stop()


# --- 3. sessions created from one address before the first refusal -----------------


def creation_figure(workdir: Path, seconds: float) -> dict[str, Any]:
    server = Server("flipover", workdir, "eventlet", shipped_limits=True)
    try:
        server.start()
        made, refused = 0, None
        http = requests.Session()
        started = time.perf_counter()
        while time.perf_counter() - started < seconds:
            answer = http.post(server.url + "/api/sessions", json={"title": "Veel", "agenda": ["trots"]}, timeout=30)
            if not 200 <= answer.status_code < 300:
                refused = answer.status_code
                break
            made += 1
        elapsed = time.perf_counter() - started
        return {"created": made, "seconds": round(elapsed, 2), "per_second": made / elapsed, "first_refusal": refused}
    finally:
        server.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=4000, help="notes in the attacker's session")
    parser.add_argument("--reports", type=int, default=4, help="parallel report requests")
    parser.add_argument("--clients", type=int, default=3, help="parallel uploading clients")
    parser.add_argument("--files", type=int, default=10, help="maximum-size pictures per upload")
    parser.add_argument("--seconds", type=float, default=10.0, help="time limit of the session-creation run")
    parser.add_argument("--quick", action="store_true", help="1,000 notes, 2 clients × 3 files, 3 s")
    parser.add_argument("--only", choices=["reports", "uploads", "sessions"], help="one figure only")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    if args.quick:
        args.notes, args.clients, args.files, args.seconds = 1000, 2, 3, 3.0
    print(f"machine: {platform.machine()} Python {platform.python_version()}", flush=True)
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.only in (None, "reports"):
            print(f"1. {args.reports} parallel reports of {args.notes} notes; another meeting posts", flush=True)
            r = figures["reports"] = reports_figure(work, args.notes, args.reports)
            print(f"  idle:   ack p50 {ms(r['idle_p50_ms'] / 1000)} ms, p99 {ms(r['idle_p99_ms'] / 1000)} ms")
            print(
                f"  loaded: ack p50 {ms(r['loaded_p50_ms'] / 1000)} ms, p99 {ms(r['loaded_p99_ms'] / 1000)} ms, "
                f"max {ms(r['loaded_max_ms'] / 1000)} ms over {r['loaded_acks']} acks   goal: p99 < 100 ms"
            )
            print(
                f"  reports {r['report_statuses']} in {r['reports_wall_s']} s; "
                f"server process CPU meanwhile {r['server_cpu_s']} s",
                flush=True,
            )
        if args.only in (None, "uploads"):
            print(f"2. {args.clients} clients × {args.files} pictures of {MAX_SIDE}×{MAX_SIDE} at once", flush=True)
            u = figures["uploads"] = uploads_figure(work, args.clients, args.files)
            print(
                f"  server RSS: baseline {u['baseline_rss_mb']:.0f} MB, peak {u['peak_rss_mb']:.0f} MB, "
                f"after {u['after_rss_mb']:.0f} MB   goal: peak < 500 MB"
            )
            print(f"  uploads {u['statuses']} ({u['file_kb']} KB each) in {u['wall_s']} s", flush=True)
        if args.only in (None, "sessions"):
            print(f"3. POST /api/sessions from one address for at most {args.seconds:.0f} s", flush=True)
            s = figures["sessions"] = creation_figure(work, args.seconds)
            refusal = f"first refusal: HTTP {s['first_refusal']}" if s["first_refusal"] else "never refused"
            print(f"  {s['created']} sessions in {s['seconds']} s ({s['per_second']:.0f}/s); {refusal}", flush=True)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
