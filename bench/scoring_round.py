#!/usr/bin/env python3
"""Scoring round (issue 21): what one supplier score in ``triage-analyse`` costs a busy room.

30 phones, one board, one facilitator; the activity in its ``leveranciers`` phase (4
suppliers × 7 criteria); every phone taps five scores, one after another. Measured on the
real ``run.py`` (eventlet), at the Engine.IO layer as ``bench/rating_round.py`` does:

* bytes each *other* phone receives per score, and how many phones receive anything;
* bytes the board and the facilitator receive per score;
* SQL statements per score, in-process (the Flask test app, a sqlite3 trace callback).

Run: ``.venv/bin/python bench/scoring_round.py`` (about 15 s).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from latency import Server
from rating_round import Counted, post

ROOT = Path(__file__).resolve().parent.parent
TA = "triage-analyse"
SUPPLIERS = ("l1", "l2", "l3", "l4")
CRITERIA = ("c1", "c2", "c3", "c4", "c5", "c6", "c7")

SQL_SRC = r"""
import json, sys, tempfile
sys.path.insert(0, sys.argv[1])
from app import create_app, socketio_of

phones_n = int(sys.argv[2])
tmp = tempfile.mkdtemp(prefix="flipover-sql-")
app = create_app({"INSTANCE_DIR": tmp + "/instance", "DATABASE": tmp + "/f.db", "EXPORTS_DIR": tmp + "/exports",
                  "SECRET_KEY": "bench", "ASYNC_MODE": "threading", "TESTING": True, "RATE_BURST": 1000})
sio = socketio_of(app)
session = app.test_client().post("/api/sessions", json={"title": "Bench", "agenda": ["triage-analyse"]}).get_json()
def join(**payload):
    client = sio.test_client(app)
    ack = client.emit("join", {"code": session["code"], **payload}, callback=True)
    return client, ack
fac, ack = join(role="facilitator", facilitator_token=session["facilitator_token"])
aid = next(a for a in ack["state"]["activities"] if a["workform"] == "triage-analyse")["id"]
assert fac.emit("activity:phase", {"activity_id": aid, "phase": "leveranciers"}, callback=True)["ok"]
phones = [join(role="participant", name="P%d" % i)[0] for i in range(phones_n)]
conn = app.extensions["flipover.store"].db.conn
counts = []
for i, phone in enumerate(phones):
    seen = []
    conn.set_trace_callback(seen.append)
    payload = {"activity_id": aid, "supplier_id": "l%d" % (1 + i % 4), "criterion_id": "c%d" % (1 + i % 7),
               "score": 1 + i % 5}
    answer = phone.emit("triage-analyse:score", payload, callback=True)
    conn.set_trace_callback(None)
    assert answer["ok"], answer
    counts.append(len(seen))
print(json.dumps({"mean": sum(counts) / len(counts), "min": min(counts), "max": max(counts)}))
"""


def sql_per_score(root: Path, phones: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", SQL_SRC, str(root), str(phones)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(root: Path, phones_n: int, per_phone: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="flipover-scoring-") as tmp:
        server = Server("flipover", Path(tmp), "eventlet", run_py=str(root / "run.py"))
        server.start()
        clients: list[Counted] = []
        try:
            session = post(server.url + "/api/sessions", {"title": "Bench", "agenda": [TA]})
            code = session["code"]
            fac = Counted(
                server.url, {"code": code, "role": "facilitator", "facilitator_token": session["facilitator_token"]}
            ).connect()
            aid = next(a for a in fac.ack["state"]["activities"] if a["workform"] == TA)["id"]
            board = Counted(server.url, {"code": code, "role": "board"}).connect()
            phones = [
                Counted(server.url, {"code": code, "role": "participant", "name": f"P{i}"}).connect()
                for i in range(phones_n)
            ]
            clients = [fac, board, *phones]
            # Some notes on the steps first, so the views are the size of a real room's.
            for i, phone in enumerate(phones):
                text = f"Wens {i}: de triagetool vult de gegevens in het HIS automatisch in"
                payload = {"activity_id": aid, "client_id": str(uuid.uuid4()), "text": text, "category": "wens"}
                answer = phone.client.call("note:add", {**payload, "data": {"step_id": f"s{1 + i % 7}"}})
                assert answer["ok"], answer
            assert fac.client.call("activity:phase", {"activity_id": aid, "phase": "leveranciers"})["ok"]
            time.sleep(0.5)
            others_bytes = others_count = reached = taps = 0
            board_bytes = fac_bytes = 0
            for i, phone in enumerate(phones):
                for j in range(per_phone):
                    for c in clients:
                        c.reset()
                    payload = {
                        "activity_id": aid,
                        "supplier_id": SUPPLIERS[(i + j) % len(SUPPLIERS)],
                        "criterion_id": CRITERIA[(i + 3 * j) % len(CRITERIA)],
                        "score": 1 + (i + j) % 5,
                    }
                    answer = phone.client.call(f"{TA}:score", payload)
                    assert answer["ok"], answer
                    time.sleep(0.05)  # let the broadcast land
                    taps += 1
                    board_bytes += board.received_bytes
                    fac_bytes += fac.received_bytes
                    for k, other in enumerate(phones):
                        if k == i:
                            continue
                        others_bytes += other.received_bytes
                        others_count += 1
                        reached += other.received_messages > 0
            return {
                "phones": phones_n,
                "scores": taps,
                "other_phone_bytes_per_score": others_bytes / others_count,
                "other_phones_reached_per_score": reached / taps,
                "board_bytes_per_score": board_bytes / taps,
                "facilitator_bytes_per_score": fac_bytes / taps,
            }
        finally:
            for c in clients:
                c.client.disconnect()
            server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout to measure (default: this one)")
    parser.add_argument("--phones", type=int, default=30)
    parser.add_argument("--per-phone", type=int, default=5, help="scores each phone taps")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    root = args.root.resolve()
    figures = run(root, args.phones, args.per_phone)
    figures["sql_per_score"] = sql_per_score(root, args.phones)
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    sql = figures["sql_per_score"]
    print(f"scoring round: {root}")
    print(f"  {figures['phones']} phones, {figures['scores']} scores")
    print(f"  bytes per other phone per score {figures['other_phone_bytes_per_score']:8.1f} B")
    print(f"  other phones reached per score  {figures['other_phones_reached_per_score']:8.2f}")
    print(f"  board per score                 {figures['board_bytes_per_score']:8.1f} B")
    print(f"  facilitator per score           {figures['facilitator_bytes_per_score']:8.1f} B")
    print(f"  SQL statements per score        {sql['mean']:8.1f} (min {sql['min']}, max {sql['max']})")


if __name__ == "__main__":
    main()
