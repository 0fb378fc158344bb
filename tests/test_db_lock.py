"""A write lock held by another process (a backup tool, the sqlite3 shell, a stalled
worker) makes writes wait, not the whole server (issue 18, low): the wait is green
under eventlet, so other meetings, pages and reads go on; the write itself lands
when the lock comes free, or fails with a clear message after LOCK_WAIT_SECONDS."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import urllib.request

import socketio
from live_server import LiveServer

from app.db import Store, begin_immediate


def _post_json(url: str, body: dict) -> dict:
    req = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(req, timeout=10) as res:
        return json.load(res)


def test_a_held_write_lock_stops_only_the_writes(tmp_path) -> None:
    db = tmp_path / "flipover.db"
    server = LiveServer(db).start()
    phone = socketio.Client(reconnection=False)
    try:
        session = _post_json(server.url + "/api/sessions", {"title": "Slot", "agenda": ["trots"]})
        phone.connect(server.url, transports=["websocket"], wait_timeout=10)
        ack = phone.call("join", {"code": session["code"], "name": "Anna"}, timeout=10)
        activity_id = ack["state"]["activities"][0]["id"]

        other = sqlite3.connect(db, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # someone else holds the write lock
        acked: list[dict] = []
        writer = threading.Thread(
            target=lambda: acked.append(
                phone.call(
                    "note:add",
                    {"activity_id": activity_id, "client_id": "slot-1", "text": "Wacht op het slot"},
                    timeout=20,
                )
            )
        )
        writer.start()
        time.sleep(0.5)  # the note is now waiting for the lock inside the server
        started = time.monotonic()
        with urllib.request.urlopen(server.url + "/api/workforms", timeout=10) as res:
            assert res.status == 200
        page_seconds = time.monotonic() - started
        time.sleep(max(0.0, 2.5 - page_seconds))
        other.execute("COMMIT")
        other.close()
        writer.join(20)
        # Old code: SQLite's busy handler slept in C for the whole wait, and the page with it.
        assert page_seconds < 1.5, f"a page that needs no write waited {page_seconds:.1f} s for the lock"
        assert acked and acked[0]["ok"] is True, acked
    finally:
        phone.disconnect()
        server.stop()


def test_begin_immediate_waits_for_the_lock_then_gives_up(tmp_path) -> None:
    store = Store(tmp_path / "flipover.db")
    other = sqlite3.connect(tmp_path / "flipover.db", isolation_level=None, check_same_thread=False)
    try:
        other.execute("BEGIN IMMEDIATE")
        started = time.monotonic()
        try:
            begin_immediate(store.db.conn, wait=0.3)
        except sqlite3.OperationalError as exc:
            assert "locked" in str(exc)
        else:
            raise AssertionError("took a lock someone else holds")
        assert time.monotonic() - started >= 0.3
        threading.Timer(0.2, lambda: other.execute("COMMIT")).start()
        begin_immediate(store.db.conn, wait=5)  # comes free after 0.2 s
        store.db.conn.execute("COMMIT")
    finally:
        other.close()
        store.close()
