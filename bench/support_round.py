#!/usr/bin/env python3
"""Support round (issue 21): what one +1 in ``vragen-en-zorgen`` costs a busy room.

30 phones, one board, one facilitator; every phone posts two questions (60 items), then
every phone gives five +1s to other people's items, one after another. Measured on the
real ``run.py`` (eventlet), at the Engine.IO layer as ``bench/rating_round.py`` does:

* bytes each *other* phone receives per +1 (not the sender, not the item's author), and
  how many phones receive anything at all per +1;
* bytes the item's author, the board and the facilitator receive per +1;
* SQL statements per +1, in-process (the Flask test app, a sqlite3 trace callback).

Run: ``.venv/bin/python bench/support_round.py`` (about 15 s).
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
VZ = "vragen-en-zorgen"

SQL_SRC = r"""
import json, sys, tempfile, uuid
sys.path.insert(0, sys.argv[1])
from app import create_app, socketio_of

phones_n = int(sys.argv[2])
tmp = tempfile.mkdtemp(prefix="flipover-sql-")
app = create_app({"INSTANCE_DIR": tmp + "/instance", "DATABASE": tmp + "/f.db", "EXPORTS_DIR": tmp + "/exports",
                  "SECRET_KEY": "bench", "ASYNC_MODE": "threading", "TESTING": True, "RATE_BURST": 1000})
sio = socketio_of(app)
session = app.test_client().post("/api/sessions", json={"title": "Bench", "agenda": ["vragen-en-zorgen"]}).get_json()
def join(**payload):
    client = sio.test_client(app)
    ack = client.emit("join", {"code": session["code"], **payload}, callback=True)
    return client, ack
fac, ack = join(role="facilitator", facilitator_token=session["facilitator_token"])
vz = next(a for a in ack["state"]["activities"] if a["workform"] == "vragen-en-zorgen")["id"]
phones = [join(role="participant", name="P%d" % i)[0] for i in range(phones_n)]
ids = [phones[i].emit("note:add", {"activity_id": vz, "client_id": str(uuid.uuid4()), "text": "Vraag %d" % i},
                      callback=True)["note"]["id"] for i in range(phones_n)]
conn = app.extensions["flipover.store"].db.conn
counts = []
for i, phone in enumerate(phones):
    seen = []
    conn.set_trace_callback(seen.append)
    payload = {"activity_id": vz, "note_id": ids[(i + 1) % phones_n]}
    answer = phone.emit("vragen-en-zorgen:steun", payload, callback=True)
    conn.set_trace_callback(None)
    assert answer["ok"], answer
    counts.append(len(seen))
print(json.dumps({"mean": sum(counts) / len(counts), "min": min(counts), "max": max(counts)}))
"""


def sql_per_support(root: Path, phones: int) -> dict[str, float]:
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
    with tempfile.TemporaryDirectory(prefix="flipover-support-") as tmp:
        server = Server("flipover", Path(tmp), "eventlet", run_py=str(root / "run.py"))
        server.start()
        clients: list[Counted] = []
        try:
            session = post(server.url + "/api/sessions", {"title": "Bench", "agenda": [VZ]})
            code = session["code"]
            fac = Counted(
                server.url, {"code": code, "role": "facilitator", "facilitator_token": session["facilitator_token"]}
            ).connect()
            vz = next(a for a in fac.ack["state"]["activities"] if a["workform"] == VZ)["id"]
            board = Counted(server.url, {"code": code, "role": "board"}).connect()
            phones = [
                Counted(server.url, {"code": code, "role": "participant", "name": f"P{i}"}).connect()
                for i in range(phones_n)
            ]
            clients = [fac, board, *phones]
            authors: dict[int, int] = {}
            for round_ in range(2):
                for i, phone in enumerate(phones):
                    text = f"Vraag {round_}-{i}: wie beantwoordt de terugbelverzoeken als de assistente ziek is?"
                    answer = phone.client.call(
                        "note:add", {"activity_id": vz, "client_id": str(uuid.uuid4()), "text": text}
                    )
                    assert answer["ok"], answer
                    authors[answer["note"]["id"]] = i
            ids = list(authors)
            time.sleep(0.5)
            others_bytes = others_count = author_bytes = reached = taps = 0
            board_bytes = fac_bytes = 0
            for i, phone in enumerate(phones):
                for j in range(per_phone):
                    note_id = ids[(2 * i + 1 + 7 * j) % len(ids)]
                    if authors[note_id] == i:
                        continue
                    for c in clients:
                        c.reset()
                    answer = phone.client.call(f"{VZ}:steun", {"activity_id": vz, "note_id": note_id})
                    assert answer["ok"], answer
                    time.sleep(0.05)  # let the broadcast land
                    taps += 1
                    board_bytes += board.received_bytes
                    fac_bytes += fac.received_bytes
                    author_bytes += phones[authors[note_id]].received_bytes
                    for k, other in enumerate(phones):
                        if k in (i, authors[note_id]):
                            continue
                        others_bytes += other.received_bytes
                        others_count += 1
                        reached += other.received_messages > 0
            return {
                "phones": phones_n,
                "items": len(ids),
                "supports": taps,
                "other_phone_bytes_per_support": others_bytes / others_count,
                "other_phones_reached_per_support": reached / taps,
                "author_bytes_per_support": author_bytes / taps,
                "board_bytes_per_support": board_bytes / taps,
                "facilitator_bytes_per_support": fac_bytes / taps,
            }
        finally:
            for c in clients:
                c.client.disconnect()
            server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout to measure (default: this one)")
    parser.add_argument("--phones", type=int, default=30)
    parser.add_argument("--per-phone", type=int, default=5, help="+1s each phone gives")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    root = args.root.resolve()
    figures = run(root, args.phones, args.per_phone)
    figures["sql_per_support"] = sql_per_support(root, args.phones)
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    sql = figures["sql_per_support"]
    print(f"support round: {root}")
    print(f"  {figures['phones']} phones, {figures['items']} items, {figures['supports']} +1s")
    print(f"  bytes per other phone per +1 {figures['other_phone_bytes_per_support']:8.1f} B")
    print(f"  other phones reached per +1  {figures['other_phones_reached_per_support']:8.2f}")
    print(f"  author's phone per +1        {figures['author_bytes_per_support']:8.1f} B")
    print(f"  board per +1                 {figures['board_bytes_per_support']:8.1f} B")
    print(f"  facilitator per +1           {figures['facilitator_bytes_per_support']:8.1f} B")
    print(f"  SQL statements per +1        {sql['mean']:8.1f} (min {sql['min']}, max {sql['max']})")


if __name__ == "__main__":
    main()
