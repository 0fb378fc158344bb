"""A counted room for the per-tap benchmarks (rating, scoring, support rounds).

* :class:`Counted`: a Socket.IO client that counts the Engine.IO packets it receives and sends
  (the packet text, without the WebSocket frame header).
* :func:`room`: the real ``run.py`` (eventlet) in a temporary directory with one session, a
  facilitator, a board and phones, all counted; stopped and cleaned up on leaving.
* :class:`TapCosts`: what one tap cost the other phones, the board and the facilitator.
* :func:`sql_per_tap`: SQL statements per tap, in-process (the Flask test app in threading
  mode with a sqlite3 trace callback on the store's connection), in a subprocess that puts the
  checkout under test first on ``sys.path``; its script is :data:`SQL_PRELUDE` plus the
  benchmark's own part.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import socketio

sys.path.insert(0, str(Path(__file__).resolve().parent))
from latency import Server, parallel

# argv: 1 the checkout, 2 phones, 3 the agenda (JSON), then the benchmark's own arguments.
# Gives the script: app, sio, session, join(**payload) -> (client, ack), fac and its join ack,
# activity_id(workform), conn, traced(fn) -> statements, report(counts) (prints the figures).
SQL_PRELUDE = r"""
import json, sys, tempfile, uuid
sys.path.insert(0, sys.argv[1])
from app import create_app, socketio_of

phones_n, agenda = int(sys.argv[2]), json.loads(sys.argv[3])
tmp = tempfile.mkdtemp(prefix="flipover-sql-")
app = create_app({"INSTANCE_DIR": tmp + "/instance", "DATABASE": tmp + "/f.db", "EXPORTS_DIR": tmp + "/exports",
                  "SECRET_KEY": "bench", "ASYNC_MODE": "threading", "TESTING": True, "RATE_BURST": 1000})
sio = socketio_of(app)
session = app.test_client().post("/api/sessions", json={"title": "Bench", "agenda": agenda}).get_json()
def join(**payload):
    client = sio.test_client(app)
    ack = client.emit("join", {"code": session["code"], **payload}, callback=True)
    return client, ack
fac, ack = join(role="facilitator", facilitator_token=session["facilitator_token"])
def activity_id(workform):
    return next(a for a in ack["state"]["activities"] if a["workform"] == workform)["id"]
conn = app.extensions["flipover.store"].db.conn
def traced(fn):
    seen = []
    conn.set_trace_callback(seen.append)
    try:
        fn()
    finally:
        conn.set_trace_callback(None)
    return len(seen)
def report(counts):
    print(json.dumps({"mean": sum(counts) / len(counts), "min": min(counts), "max": max(counts)}))
"""


def sql_per_tap(root: Path, script: str, phones: int, agenda: list[Any], *args: str) -> dict[str, float]:
    """Run ``SQL_PRELUDE + script`` against the checkout at ``root``; its ``report`` line."""
    out = subprocess.run(
        [sys.executable, "-c", SQL_PRELUDE + script, str(root), str(phones), json.dumps(agenda), *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


class Counted:
    """A Socket.IO client that counts the Engine.IO packets it receives and sends."""

    def __init__(self, url: str, payload: dict[str, Any]) -> None:
        self.client = socketio.Client(reconnection=False)
        self.received_bytes = 0
        self.received_messages = 0  # server events (not acks, not pings)
        self.sent_bytes = 0
        self.lock = threading.Lock()
        eio = self.client.eio
        receive, send = eio._receive_packet, eio._send_packet

        def counting_receive(pkt: Any) -> None:
            data = pkt.data if isinstance(pkt.data, str | bytes) else ""
            with self.lock:
                self.received_bytes += 1 + len(data.encode() if isinstance(data, str) else data)
                if isinstance(data, str) and data.startswith("2"):  # a Socket.IO EVENT, not an ACK (3)
                    self.received_messages += 1
            receive(pkt)

        def counting_send(pkt: Any) -> None:
            with self.lock:
                self.sent_bytes += len(pkt.encode())
            send(pkt)

        eio._receive_packet = counting_receive
        eio._send_packet = counting_send
        self.url, self.payload = url, payload
        self.ack: dict[str, Any] = {}

    def connect(self) -> Counted:
        self.client.connect(self.url, transports=["websocket"], wait_timeout=15)
        self.ack = self.client.call("join", self.payload, timeout=20)
        if not self.ack.get("ok"):
            raise RuntimeError(f"join refused: {self.ack}")
        return self

    def reset(self) -> None:
        with self.lock:
            self.received_bytes = self.received_messages = self.sent_bytes = 0


def post(url: str, body: dict[str, Any]) -> dict[str, Any]:
    req = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.loads(resp.read())


@dataclass
class Room:
    server: Server
    session: dict[str, Any]
    fac: Counted
    board: Counted
    phones: list[Counted]

    @property
    def clients(self) -> list[Counted]:
        return [self.fac, self.board, *self.phones]

    def activity_id(self, workform: str) -> int:
        return next(a for a in self.fac.ack["state"]["activities"] if a["workform"] == workform)["id"]

    def reset(self) -> None:
        for client in self.clients:
            client.reset()


@contextmanager
def room(root: Path, agenda: list[Any], phones_n: int) -> Iterator[Room]:
    """The checkout's ``run.py`` with one session of ``agenda``, a facilitator, a board and
    ``phones_n`` phones (joined ten at a time)."""
    with tempfile.TemporaryDirectory(prefix="flipover-room-") as tmp:
        server = Server("flipover", Path(tmp), "eventlet", run_py=str(root / "run.py"))
        server.start()
        joined: list[Counted] = []
        try:
            session = post(server.url + "/api/sessions", {"title": "Bench", "agenda": agenda})
            code = session["code"]
            fac = Counted(
                server.url, {"code": code, "role": "facilitator", "facilitator_token": session["facilitator_token"]}
            )
            board = Counted(server.url, {"code": code, "role": "board"})
            phones = [
                Counted(server.url, {"code": code, "role": "participant", "name": f"P{i}"}) for i in range(phones_n)
            ]
            joined.append(fac.connect())
            joined.append(board.connect())
            results = parallel(lambda c: c.connect(), phones, workers=10, timeout=60)
            joined.extend(c for c in results if isinstance(c, Counted))
            failed = [r for r in results if isinstance(r, Exception)]
            if failed:
                raise RuntimeError(f"joins failed: {failed[:3]}")
            yield Room(server, session, fac, board, phones)
        finally:
            parallel(lambda c: c.client.disconnect(), joined, workers=20, timeout=20)
            server.stop()


@dataclass
class TapCosts:
    """Bytes one tap cost each device, summed over the taps of a round."""

    room: Room
    taps: int = 0
    others_bytes: int = 0
    others_count: int = 0
    reached: int = 0
    board_bytes: int = 0
    fac_bytes: int = 0

    def before(self) -> None:
        self.room.reset()

    def after(self, *, not_others: set[int]) -> None:
        """Count one tap; ``not_others`` are the sender and any phone that is party to it (the
        author of what was supported): not counted as "other phones"."""
        # The board hears of every tap: once it has, the broadcast to the others is on its way
        # too; a little more for it to land, so a late message is not counted for the next tap.
        deadline = time.monotonic() + 2
        while self.room.board.received_messages == 0 and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(0.05)
        self.taps += 1
        self.board_bytes += self.room.board.received_bytes
        self.fac_bytes += self.room.fac.received_bytes
        for k, phone in enumerate(self.room.phones):
            if k in not_others:
                continue
            self.others_bytes += phone.received_bytes
            self.others_count += 1
            self.reached += phone.received_messages > 0

    def figures(self, per: str) -> dict[str, float]:
        return {
            f"other_phone_bytes_per_{per}": self.others_bytes / self.others_count,
            f"other_phones_reached_per_{per}": self.reached / self.taps,
            f"board_bytes_per_{per}": self.board_bytes / self.taps,
            f"facilitator_bytes_per_{per}": self.fac_bytes / self.taps,
        }
