#!/usr/bin/env python3
"""Report benchmark: a session with 8 activities and 500 notes -> PDF time and size.

Builds the session through the real app (a throw-away SQLite file, the
threading test client: no network), then times ``GET /api/sessions/<code>/report.pdf``
end to end (read from SQLite, lay out, render) and ``report.render`` alone.
Target (issue 8): under 2 s.

``--docx`` times the Word report instead (``GET report.docx``, ``report_docx.render``):
the same flowables written with python-docx (issue 20).
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import create_app, report, report_docx, socketio_of  # noqa: E402

WORDS = [
    "samenwerking",
    "triage",
    "assistente",
    "telefoon",
    "wachttijd",
    "spreekuur",
    "poh",
    "ggz",
    "ouderen",
    "dossier",
    "recept",
    "herhaal",
    "overleg",
    "werkdruk",
    "patiënt",
    "zorg",
    "tijd",
    "rust",
    "ruimte",
    "planning",
    "afspraak",
    "labuitslag",
    "terugbellen",
]


def bench_app(tmp: str):
    """The real app on a throw-away SQLite file, threading mode, no rate limit (one client posts for 25)."""
    return create_app(
        {
            "INSTANCE_DIR": tmp,
            "DATABASE": f"{tmp}/bench.db",
            "EXPORTS_DIR": f"{tmp}/exports",
            "SECRET_KEY": "bench",
            "ASYNC_MODE": "threading",
            "RATE_BURST": 10**9,
            "SESSION_MAX_NOTES": 10**9,  # the benchmark measures reports larger than one meeting may hold
        }
    )


def build(app, notes: int, activities: int, client=None, **body) -> dict:
    """A session with ``notes`` notes spread over ``activities`` trots activities (``body``: more
    POST /api/sessions fields, e.g. a trajectory, sent by ``client``)."""
    client = client or app.test_client()
    # Trots in the app's open variant, as many notes per person as the size asks.
    open_trots = {"phase": "plakken", "anonymous": True, "config": {"notes_per_participant": 100}}
    agenda = [{"workform": "trots", "title": f"Trots {i + 1}", **open_trots} for i in range(activities)]
    body = {"title": "Benchmark", "agenda": agenda, **body}
    session = client.post("/api/sessions", json=body).get_json()
    sio = socketio_of(app)
    fac = sio.test_client(app)
    ack = fac.emit(
        "join",
        {"code": session["code"], "role": "facilitator", "facilitator_token": session["facilitator_token"]},
        callback=True,
    )
    ids = [a["id"] for a in ack["state"]["activities"]]
    rng = random.Random(7)
    phones = []
    for i in range(25):
        phone = sio.test_client(app)
        phone.emit("join", {"code": session["code"], "name": f"Deelnemer {i + 1}"}, callback=True)
        phones.append(phone)
    for n in range(notes):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 30)))[:280]
        phone = phones[n % len(phones)]
        answer = phone.emit(
            "note:add", {"activity_id": ids[n % len(ids)], "client_id": str(uuid.uuid4()), "text": text}, callback=True
        )
        assert answer["ok"], answer
        phone.get_received()
    fac.get_received()
    return session


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=500)
    parser.add_argument("--activities", type=int, default=8)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--docx", action="store_true", help="the Word report instead of the PDF")
    args = parser.parse_args()
    kind, render = ("docx", report_docx.render) if args.docx else ("pdf", report.render)
    with tempfile.TemporaryDirectory() as tmp:
        app = bench_app(tmp)
        session = build(app, args.notes, args.activities)
        auth = {"Authorization": f"Bearer {session['facilitator_token']}"}
        client = app.test_client()
        endpoint, render_only, size, pages = [], [], 0, 0
        for _ in range(args.runs):
            start = time.perf_counter()
            response = client.get(f"/api/sessions/{session['code']}/report.{kind}", headers=auth)
            endpoint.append(time.perf_counter() - start)
            assert response.status_code == 200
            size = len(response.data)
            data = report.collect(
                app.extensions["flipover.store"], app.extensions["flipover.registry"], session["code"]
            )
            start = time.perf_counter()
            render(data, app.extensions["flipover.registry"])
            render_only.append(time.perf_counter() - start)
        pages = response.data.count(b"/Type /Page") - response.data.count(b"/Type /Pages")
        app.extensions["flipover.store"].close()
    print(f"machine: {platform.machine()} {platform.processor() or ''} Python {platform.python_version()}")
    print(f"report: {args.activities} activities, {args.notes} notes, {args.runs} runs")
    median, worst = statistics.median(endpoint) * 1000, max(endpoint) * 1000
    print(f"  GET report.{kind} median {median:7.0f} ms   max {worst:7.0f} ms")
    print(f"  render only     median {statistics.median(render_only) * 1000:7.0f} ms")
    if args.docx:
        print(f"  size {size / 1024:.0f} KiB (Word lays out the pages)   yardstick: the PDF's 2000 ms")
    else:
        print(f"  size {size / 1024:.0f} KiB, {pages} pages   target: under 2000 ms")


if __name__ == "__main__":
    main()
